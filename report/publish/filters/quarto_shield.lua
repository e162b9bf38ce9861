--[[
Quarto engine only, run last of the shared filters (before Quarto's own): hides every table
and figure from Quarto, which would otherwise rebuild them as its own cross-reference floats
(a second caption number, wrapper tables in the DOCX, no alt text in the HTML). Each becomes a
raw block of a format no writer knows, holding the element as pandoc JSON;
quarto_unshield.lua puts it back after Quarto's filters, before pandoc writes the document.
]]

local FORMAT_NAME = 'quarto-afgeschermd'

local function shield(element)
  return pandoc.RawBlock(FORMAT_NAME, pandoc.write(pandoc.Pandoc({ element }), 'json'))
end

return { { Table = shield, Figure = shield } }
