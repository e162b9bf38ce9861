--[[
Alt text for figures. The document gives it as `fig-alt="…"` on the image (Quarto's
attribute); without it the caption serves. HTML and DOCX take the image's description as alt
text. pandoc's Typst writer drops alt text, which PDF/UA forbids, so for Typst the figure is
written here: `#figure(image(…, alt: "…"), caption: […]) <fig-x>`.
]]

local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local function typst_inlines(inlines)
  local doc = pandoc.Pandoc({ pandoc.Plain(inlines) })
  return pandoc.write(doc, 'typst'):gsub('%s+$', '')
end

function Figure(figure)
  local image
  figure.content:walk({
    Image = function(found)
      image = image or found
    end,
  })
  if not image then
    return nil
  end
  local caption = pandoc.utils.blocks_to_inlines(figure.caption.long)
  local alt = image.attributes['fig-alt'] or pandoc.utils.stringify(image.caption)
  if alt == '' then
    alt = pandoc.utils.stringify(caption)
  end
  if FORMAT:match('typst') then
    local label = figure.identifier ~= '' and (' <' .. figure.identifier .. '>') or ''
    return pandoc.RawBlock('typst', string.format(
      '#figure(image(%s, width: 100%%, alt: %s), caption: [%s])%s',
      typst_string(image.src), typst_string(alt), typst_inlines(caption), label))
  end
  return figure:walk({
    Image = function(img)
      img.attributes['fig-alt'] = nil
      img.caption = { pandoc.Str(alt) }
      return img
    end,
  })
end
