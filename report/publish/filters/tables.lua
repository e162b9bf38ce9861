--[[
Tables that fit their page, in every format.

- Typst: the table is written here rather than by pandoc, so it can span the text width: a
  table of numbers gets a wide label column and columns of numbers as wide as they need; a
  table of words lets Typst share the width. Its header rows go in `table.header`, which Typst
  repeats on every page the table spans and tags as header cells (PDF/UA). Wide tables
  (`::: {.landscape}`) get a turned page. The source note under a table (`::: {.bron}`) goes
  into the table's footer together with its last row, so a table that breaks across pages
  ends with its last row and its note on one page (never a note alone at the top of a page);
  a short table stays whole on one page with its note. No row is split across pages (the
  house style sets `table.cell(breakable: false)`). A figure keeps its note on its page too.
- HTML: every table sits in a keyboard-scrollable region, so a wide table scrolls on a phone
  instead of being cut off (WCAG 2.1.1 wants scrollable regions focusable).
- DOCX: Word lays a table out from the widths it is given, so they are computed here from the
  content: each column of numbers as wide as its longest number, the label column the rest of
  the text width; a table in `::: {.landscape}` (a landscape section, see docx.lua) is measured
  against the landscape width. The header rows repeat on every page (pandoc marks them). The
  last row's cells get the style "Laatste tabelregel" (keep with next), so the source note
  under the table never starts a page alone.
- Column widths: a table of words keeps the relative widths its pipe table gives in the
  dashes under the header (in Typst as fractions); the HTML leaves widths to the browser.
]]

local TYPST = FORMAT:match('typst') ~= nil
local HTML = FORMAT:match('html') ~= nil
local DOCX = FORMAT:match('docx') ~= nil

-- The Word page (tools/make_reference_docx.py): text width of A4 upright and turned in cm,
-- and what a character of 9 pt Arial and the cell padding take.
local DOCX_TEXT_WIDTH = { upright = 16.0, landscape = 24.7 }
local DOCX_CHARACTER = 0.2
local DOCX_PADDING = 0.45
local DOCX_MIN_LABEL = 3.5 -- cm; numbers give way (and wrap) before the labels get narrower

local KEEP_TOGETHER = 15 -- rows; longer tables may break across pages (the header repeats)

local ALIGN = {
  AlignLeft = 'left',
  AlignRight = 'right',
  AlignCenter = 'center',
  AlignDefault = 'left',
}

local function typst_markup(blocks)
  return pandoc.write(pandoc.Pandoc(blocks), 'typst'):gsub('%s+$', '')
end

-- Typst markup of every cell, from one pandoc.write per table (one per cell is slow).
local CELL_END = '/*einde-cel*/'

local function cells_markup(rows)
  local blocks = pandoc.Blocks({})
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do
      blocks:extend(cell.contents)
      blocks:insert(pandoc.RawBlock('typst', CELL_END))
    end
  end
  local markup, start = {}, 1
  local text = pandoc.write(pandoc.Pandoc(blocks), 'typst')
  while true do
    local from, to = text:find(CELL_END, start, true)
    if not from then
      break
    end
    markup[#markup + 1] = text:sub(start, from - 1):gsub('^%s+', ''):gsub('%s+$', '')
    start = to + 1
  end
  return markup
end

local function typst_cell(cell, body)
  body = '[' .. body .. ']'
  local options = {}
  if cell.col_span > 1 then
    options[#options + 1] = 'colspan: ' .. cell.col_span
  end
  if cell.row_span > 1 then
    options[#options + 1] = 'rowspan: ' .. cell.row_span
  end
  if cell.alignment ~= 'AlignDefault' then
    options[#options + 1] = 'align: ' .. ALIGN[cell.alignment]
  end
  if #options == 0 then
    return body
  end
  return 'table.cell(' .. table.concat(options, ', ') .. ')' .. body
end

local function typst_rows(rows, next_markup, into)
  for _, row in ipairs(rows) do
    local cells = {}
    for _, cell in ipairs(row.cells) do
      cells[#cells + 1] = typst_cell(cell, next_markup())
    end
    into[#into + 1] = '  ' .. table.concat(cells, ', ') .. ','
  end
end

local function is_numeric(colspecs)
  local numeric = #colspecs > 1
  for i = 2, #colspecs do
    numeric = numeric and colspecs[i][1] == 'AlignRight'
  end
  return numeric
end

-- A label column and columns of numbers: the label column takes the remaining width.
local function typst_columns(colspecs)
  local numeric = is_numeric(colspecs)
  local columns, aligns = {}, {}
  for i, spec in ipairs(colspecs) do
    local width = spec[2]
    if numeric then
      columns[i] = i == 1 and '1fr' or 'auto'
    elseif type(width) == 'number' and width > 0 then
      columns[i] = string.format('%.4ffr', width)
    else
      columns[i] = 'auto'
    end
    aligns[i] = ALIGN[spec[1]]
  end
  return table.concat(columns, ', '), table.concat(aligns, ', ')
end

-- How many characters a cell needs on one line: in a header the longest word (headers wrap
-- between words), elsewhere the whole text; a per cent sign is as wide as two digits.
local function needed(cell, header)
  local text = pandoc.utils.stringify(cell.contents)
  local _, percents = text:gsub('%%', '')
  if not header then
    return (utf8.len(text) or #text) + percents
  end
  local longest = 0
  for word in text:gmatch('%S+') do
    longest = math.max(longest, utf8.len(word) or #word)
  end
  return longest + percents
end

-- The characters each column needs.
local function column_lengths(tbl)
  local lengths = {}
  local function measure(rows, header)
    for _, row in ipairs(rows) do
      local column = 1
      for _, cell in ipairs(row.cells) do
        if cell.col_span == 1 then
          lengths[column] = math.max(lengths[column] or 0, needed(cell, header))
        end
        column = column + cell.col_span
      end
    end
  end
  measure(tbl.head.rows, true)
  for _, body in ipairs(tbl.bodies) do
    measure(body.head, true)
    measure(body.body, false)
  end
  measure(tbl.foot.rows, false)
  return lengths
end

-- Relative widths (summing to 1: the table spans the text width) for Word.
local function docx_widths(tbl, orientation)
  local count, lengths = #tbl.colspecs, column_lengths(tbl)
  local widths = {}
  if is_numeric(tbl.colspecs) then
    local text_width, numbers = DOCX_TEXT_WIDTH[orientation], 0
    for i = 2, count do
      widths[i] = (lengths[i] or 0) * DOCX_CHARACTER + DOCX_PADDING
      numbers = numbers + widths[i]
    end
    local room = text_width - DOCX_MIN_LABEL
    local scale = numbers > room and room / numbers or 1
    widths[1] = text_width - numbers * scale
    for i = 2, count do
      widths[i] = widths[i] * scale
    end
    for i = 1, count do
      widths[i] = widths[i] / text_width
    end
  else
    local given, total = true, 0
    for i, spec in ipairs(tbl.colspecs) do
      given = given and type(spec[2]) == 'number' and spec[2] > 0
      widths[i] = math.max(math.min(lengths[i] or 0, 60), 4) -- words wrap; keep short columns
      total = total + widths[i]
    end
    for i, spec in ipairs(tbl.colspecs) do
      widths[i] = given and spec[2] or widths[i] / total
    end
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], widths[i] }
  end
  return tbl
end

-- The note as a full-width footer cell without rules, in the small type of source notes.
local function note_cell(note, count)
  return '  table.cell(colspan: ' .. count .. ', stroke: none, fill: none, align: left, '
    .. 'inset: (x: 0pt, top: 0.5em, bottom: 0pt))[#bron-in-tabel[' .. typst_markup(note.content)
    .. ']],'
end

-- DOCX: the last row keeps with the paragraph after the table (its "Bron:" note).
local function keep_last_row(tbl)
  local body = tbl.bodies[#tbl.bodies]
  local last = body and body.body[#body.body]
  if last then
    for _, cell in ipairs(last.cells) do
      cell.contents = { pandoc.Div(cell.contents, { ['custom-style'] = 'Laatste tabelregel' }) }
    end
  end
  return tbl
end

local function typst_table(tbl, note)
  local columns, aligns = typst_columns(tbl.colspecs)
  local sections = { tbl.head.rows }
  for _, body in ipairs(tbl.bodies) do
    sections[#sections + 1] = body.head
    sections[#sections + 1] = body.body
  end
  sections[#sections + 1] = tbl.foot.rows
  local all = {}
  for _, rows in ipairs(sections) do
    for _, row in ipairs(rows) do
      all[#all + 1] = row
    end
  end
  local markup, index = cells_markup(all), 0
  local function next_markup()
    index = index + 1
    return markup[index]
  end
  local lines = {
    'table(',
    '  columns: (' .. columns .. ',),',
    '  align: (' .. aligns .. ',),',
  }
  if #tbl.head.rows > 0 then
    lines[#lines + 1] = '  table.header('
    typst_rows(tbl.head.rows, next_markup, lines)
    lines[#lines + 1] = '  ),'
  end
  local body = {}
  for i = 2, #sections do
    for _, row in ipairs(sections[i]) do
      body[#body + 1] = row
    end
  end
  local last = note and table.remove(body) or nil
  typst_rows(body, next_markup, lines)
  if note then
    lines[#lines + 1] = '  table.footer(repeat: false,'
    if last then
      typst_rows({ last }, next_markup, lines)
    end
    lines[#lines + 1] = note_cell(note, #tbl.colspecs)
    lines[#lines + 1] = '  ),'
  end
  lines[#lines + 1] = ')'
  local code = table.concat(lines, '\n')
  if #tbl.caption.long == 0 then
    return pandoc.RawBlock('typst', '#' .. code) -- like pandoc: no caption, no number
  end
  local caption = pandoc.Plain(pandoc.utils.blocks_to_inlines(tbl.caption.long))
  local label = tbl.identifier ~= '' and (' <' .. tbl.identifier .. '>') or ''
  local figure = string.format('#figure(\n%s,\ncaption: [%s],\nkind: table,\n)%s',
    code, typst_markup({ caption }), label)
  if #all > KEEP_TOGETHER then
    return pandoc.RawBlock('typst', figure)
  end
  -- A short table moves to the next page whole rather than leave a row or two behind.
  return pandoc.RawBlock('typst', '#block(breakable: false)[\n' .. figure .. '\n]')
end

local function is_note(block)
  return block ~= nil and block.t == 'Div' and block.classes:includes('bron')
end

local function is_image_figure(block)
  return block.t == 'RawBlock' and block.format == 'typst'
    and block.text:match('^#figure%(image%(') ~= nil
end

-- Tables with the note that follows them; a figure (written by alt_text.lua) and its note
-- in one block that does not break.
local function typst_blocks(blocks)
  local out = pandoc.Blocks({})
  local i = 1
  while i <= #blocks do
    local block, following = blocks[i], blocks[i + 1]
    local note = is_note(following) and following or nil
    if block.t == 'Table' then
      out:insert(typst_table(block, note))
    elseif note and is_image_figure(block) then
      out:insert(pandoc.RawBlock('typst', '#block(breakable: false)[\n' .. block.text
        .. '\n#bron[' .. typst_markup(note.content) .. ']\n]'))
    else
      out:insert(block)
      note = nil
    end
    i = i + (note and 2 or 1)
  end
  return out
end

function Pandoc(doc)
  if TYPST then
    return doc:walk({ Blocks = typst_blocks })
  end
end

function Table(tbl)
  if TYPST then
    return nil -- with the note that follows it, in Pandoc() above
  end
  if DOCX then
    return keep_last_row(docx_widths(tbl, 'upright'))
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
  end
  if HTML then
    local name = pandoc.utils.stringify(tbl.caption.long)
    -- A list of pairs, not a Lua table with keys: attribute order must not vary between runs.
    local attributes = { { 'tabindex', '0' }, { 'role', 'region' } }
    if name ~= '' then
      attributes[#attributes + 1] = { 'aria-label', name }
    end
    return pandoc.Div({ tbl }, pandoc.Attr('', { 'tabel' }, attributes))
  end
  return tbl
end

function Div(div)
  if TYPST and div.classes:includes('landscape') then
    local blocks = pandoc.Blocks({ pandoc.RawBlock('typst', '#landscape[') })
    blocks:extend(div.content)
    blocks:insert(pandoc.RawBlock('typst', ']'))
    return blocks
  end
  if DOCX and div.classes:includes('landscape') then
    return div:walk({
      Table = function(tbl)
        return keep_last_row(docx_widths(tbl, 'landscape'))
      end,
    })
  end
end
