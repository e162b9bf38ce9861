--[[
Source notes (`::: {.bron}`: "Bron: …" and remarks under a table or figure) in small type.
Typst: the template's `bron` function; DOCX: the paragraph style "Bron"; HTML keeps the class
for the stylesheet. Shared by both engines.
]]

function Div(div)
  if not div.classes:includes('bron') then
    return nil
  end
  if FORMAT:match('typst') then
    local blocks = pandoc.Blocks({ pandoc.RawBlock('typst', '#bron[') })
    blocks:extend(div.content)
    blocks:insert(pandoc.RawBlock('typst', ']'))
    return blocks
  elseif FORMAT:match('docx') then
    div.attributes['custom-style'] = 'Bron'
    return div
  end
end
