--[[
Quarto engine only, after Quarto's filters: puts back the tables and figures that
quarto_shield.lua hid from Quarto.
]]

local FORMAT_NAME = 'quarto-afgeschermd'

return {
  {
    RawBlock = function(raw)
      if raw.format == FORMAT_NAME then
        return pandoc.read(raw.text, 'json').blocks
      end
    end,
  },
}
