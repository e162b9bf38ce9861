--[[
A cross-reference that opens a sentence is written with a capital: `@tbl-x` at the start of
a sentence becomes `@Tbl-x` ("Tabel 2 laat zien …"), elsewhere it stays lower case
("zoals tabel 2 laat zien"). The capitalised form is Quarto's own convention, so this filter
serves both engines.
]]

local CROSSREF = { tbl = true, fig = true, sec = true }

-- Words ending in a full stop that do not end a sentence.
local ABBREVIATIONS = {
  ['bijv.'] = true, ['vgl.'] = true, ['o.a.'] = true, ['resp.'] = true, ['nr.'] = true,
  ['art.'] = true, ['zgn.'] = true, ['incl.'] = true, ['excl.'] = true, ['e.d.'] = true,
}

local function ends_sentence(inline)
  if inline.t ~= 'Str' then
    return false
  end
  local text = inline.text
  if ABBREVIATIONS[text:lower()] then
    return false
  end
  return text:match('[%.!?][%)%]”’"\']*$') ~= nil
end

local function opens_sentence(inlines, index)
  for i = index - 1, 1, -1 do
    local t = inlines[i].t
    if t ~= 'Space' and t ~= 'SoftBreak' and t ~= 'LineBreak' then
      return ends_sentence(inlines[i])
    end
  end
  return true
end

local function capitalise(citation)
  if #citation.prefix > 0 then
    return false
  end
  local prefix, rest = citation.id:match('^(%l+)(%-.+)$')
  if prefix and CROSSREF[prefix] then
    citation.id = prefix:sub(1, 1):upper() .. prefix:sub(2) .. rest
    return true
  end
end

function Inlines(inlines)
  local changed = false
  for index, inline in ipairs(inlines) do
    if inline.t == 'Cite' and opens_sentence(inlines, index) then
      changed = capitalise(inline.citations[1]) or changed
    end
  end
  return changed and inlines or nil -- unchanged lists need not go back to pandoc
end
