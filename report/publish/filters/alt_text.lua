--[[
Alt text for figures and formulas, which PDF/UA requires and pandoc's Typst writer drops.

Figures: the document gives the text as `fig-alt="…"` on the image (Quarto's attribute);
without it the caption serves. HTML and DOCX take the image's description as alt text; for
Typst the figure is written here: `#figure(image(…, alt: "…"), caption: […]) <fig-x>`.
Formulas (Typst only): the TeX source is the alt text of the equation.
]]

local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local TYPST = FORMAT:match('typst') ~= nil

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
  if TYPST then
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

function Math(math)
  if not TYPST then
    return nil
  end
  return pandoc.RawInline('typst', string.format('#[#set math.equation(alt: %s); %s]',
    typst_string(math.text), typst_inlines({ math })))
end
