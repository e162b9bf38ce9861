--[[
Numbers marked as having a source (report/present/marks.py): `[36.722]{#getal-17 .herkomst}`;
the sources themselves are one raw HTML block, which only the HTML writer keeps.

- HTML: the span stays; the page's "Toon herkomst" makes these numbers focusable and shows
  their sources (templates/publish/rapport.html). Nothing changes how a number looks until then.
- Every other format gets the number as if it had never been marked: the span goes, and its
  text joins the words around it into one piece of text, as pandoc reads unmarked text. (A
  span's id would become a Typst label or a Word bookmark; a number left as a text of its own
  changes how pandoc writes what follows it: "1" and ". Besparen" at the start of a table cell
  would make Typst start a numbered list.) The PDF is the same as without sources.
]]

local HTML = FORMAT:match('html') ~= nil

local function append(inlines, inline)
  local last = inlines[#inlines]
  if inline.t == 'Str' and last and last.t == 'Str' then
    last.text = last.text .. inline.text
  else
    inlines:insert(inline)
  end
end

function Inlines(inlines)
  if HTML then
    return nil
  end
  local result, changed = pandoc.Inlines({}), false
  for _, inline in ipairs(inlines) do
    if inline.t == 'Span' and inline.classes:includes('herkomst') then
      changed = true
      for _, part in ipairs(inline.content) do
        append(result, part)
      end
    else
      append(result, inline)
    end
  end
  if changed then
    return result
  end
end
