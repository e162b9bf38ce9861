--[[
Cross-references, in both engines (the Quarto engine runs this filter before Quarto's own
cross-referencing, which then finds nothing left to do).

Tables, figures and numbered headings are numbered in document order exactly as Typst numbers
them (tables and figures each through the whole document; headings 1, 1.1, … where only
numbered headings count). Then every citation `@tbl-…`, `@fig-…`, `@sec-…` becomes:

- Typst: a Typst reference with a Dutch word (`#ref(<tbl-x>, supplement: [tabel])`), so Typst
  prints the number it assigned ("tabel 2"; "paragraaf 2.4", "hoofdstuk 2");
- HTML and DOCX: a link with the number computed here; captions get "Tabel 2: " and headings
  their number, because those writers number nothing themselves.

The sections of the appendix chapter (a level-1 heading with class `appendix`) are numbered
on their own: "Bijlage 1 Afkortingen", "Bijlage 2 …", in every format and in the contents;
a reference reads "bijlage 1" and links to it (in Typst too, where these headings have no
number of their own). Their subsections are not numbered. Any heading without a number is
referred to by its title: "paragraaf ‘Afronding’". A reference to a label the document does not define stops the
conversion with "onbekende verwijzing: …", naming every such label: nothing prints "??".
`@Tbl-x` (see sentence_refs.lua) gives the capitalised word.
]]

local TYPST = FORMAT:match('typst') ~= nil
local NBSP = '\u{00A0}'
local WORDS = { tbl = 'tabel', fig = 'figuur' }
local CAPTION_WORDS = { tbl = 'Tabel', fig = 'Figuur' }

local labels = {}

local function capitalised(word)
  return word:sub(1, 1):upper() .. word:sub(2)
end

-- Typst's counter semantics: step a level, drop deeper levels, pad missing ones with 1.
local function step(counter, level)
  if #counter >= level then
    counter[level] = counter[level] + 1
    for i = #counter, level + 1, -1 do
      counter[i] = nil
    end
  end
  while #counter < level do
    counter[#counter + 1] = 1
  end
  return table.concat(counter, '.')
end

local function section_word(level, appendix)
  if appendix and level <= 2 then
    return 'bijlage'
  end
  return level == 1 and 'hoofdstuk' or 'paragraaf'
end

local function prefix_caption(blocks, kind, number)
  local label = pandoc.Span({ pandoc.Str(CAPTION_WORDS[kind] .. NBSP .. number .. ':') },
    { class = 'caption-label' })
  if #blocks == 0 then
    blocks:insert(pandoc.Plain({ label }))
  else
    blocks[1].content:insert(1, pandoc.Space())
    blocks[1].content:insert(1, label)
  end
end

-- pandoc before 3.8.2 left `{#tbl-x}` at the end of a table caption as text (Str "{#tbl-x}").
local function caption_identifier(tbl)
  local plain = tbl.caption.long[1]
  if tbl.identifier ~= '' or not plain then
    return
  end
  local last = plain.content[#plain.content]
  local id = last and last.t == 'Str' and last.text:match('^{#(tbl%-[%w_%-]+)}$')
  if id then
    plain.content:remove(#plain.content)
    while #plain.content > 0 and plain.content[#plain.content].t == 'Space' do
      plain.content:remove(#plain.content)
    end
    tbl.identifier = id
  end
end

-- An appendix section: "Bijlage N" before its title, a label that references link to.
local function appendix_section(header, number)
  header.content:insert(1, pandoc.Space())
  header.content:insert(1, pandoc.Span({ pandoc.Str('Bijlage' .. NBSP .. number) },
    { class = 'bijlage-nummer' }))
  if not header.classes:includes('unnumbered') then
    header.classes:insert('unnumbered')
  end
  return header
end

-- Where the numbering stands: Typst's heading counter, tables and figures so far, whether the
-- appendix has begun and how many appendices it has, the level-1 heading (chapter) last seen.
local function fresh_state()
  return { counter = {}, tables = 0, figures = 0, appendix = false, appendices = 0, chapter = 0 }
end

local function number_everything(blocks, state, seen)
  local function define(id, label)
    label.chapter = state.chapter
    labels[id] = label
  end
  return blocks:walk({
    Header = function(header)
      if header.level == 1 then
        seen.chapter(state)
        state.chapter = state.chapter + 1
        state.appendix = state.appendix or header.classes:includes('appendix')
      end
      seen.header(header, state.chapter)
      if state.appendix and header.level == 2 then
        state.appendices = state.appendices + 1
        local number = tostring(state.appendices)
        define(header.identifier, { kind = 'sec', word = 'bijlage', number = number, link = true })
        return appendix_section(header, number)
      end
      if state.appendix and header.level > 2 then -- a part of an appendix: referred to by its title
        if not header.classes:includes('unnumbered') then
          header.classes:insert('unnumbered')
        end
        define(header.identifier, { kind = 'sec', word = 'paragraaf', title = header.content })
        return header
      end
      local word = section_word(header.level, state.appendix)
      if header.classes:includes('unnumbered') then
        define(header.identifier, { kind = 'sec', word = word, title = header.content })
        return nil
      end
      local number = step(state.counter, header.level)
      define(header.identifier, { kind = 'sec', word = word, number = number })
      if not TYPST then
        header.content:insert(1, pandoc.Space())
        header.content:insert(1, pandoc.Span({ pandoc.Str(number) },
          { class = 'header-section-number' }))
        return header
      end
    end,
    Table = function(tbl)
      caption_identifier(tbl)
      if #tbl.caption.long == 0 then
        return tbl -- Typst numbers only captioned tables
      end
      state.tables = state.tables + 1
      if tbl.identifier ~= '' then
        define(tbl.identifier, { kind = 'tbl', word = WORDS.tbl, number = tostring(state.tables) })
      end
      if not TYPST then
        prefix_caption(tbl.caption.long, 'tbl', state.tables)
      end
      return tbl
    end,
    Figure = function(figure)
      state.figures = state.figures + 1
      if figure.identifier ~= '' then
        define(figure.identifier, { kind = 'fig', word = WORDS.fig,
          number = tostring(state.figures) })
      end
      if not TYPST then
        prefix_caption(figure.caption.long, 'fig', state.figures)
        return figure
      end
    end,
  })
end

local function reference(id, label, word)
  if TYPST and label.number and not label.link then
    -- The trailing semicolon ends the Typst expression, so text after it stays text.
    return { pandoc.RawInline('typst', '#ref(<' .. id .. '>, supplement: [' .. word .. ']);') }
  end
  local text
  if label.number then
    text = { pandoc.Str(word .. NBSP .. label.number) }
  else
    text = { pandoc.Str(word), pandoc.Space(), pandoc.Str('‘') }
    text = pandoc.Inlines(text) .. label.title .. { pandoc.Str('’') }
  end
  return { pandoc.Link(text, '#' .. id) }
end

local function resolve(blocks)
  local missing, seen = {}, {}
  local result = blocks:walk({
    Cite = function(cite)
      local parts = pandoc.Inlines({})
      for index, citation in ipairs(cite.citations) do
        local prefix, rest = citation.id:match('^(%a+)(%-.+)$')
        local kind = prefix and prefix:lower()
        if not (kind and (WORDS[kind] or kind == 'sec')) then
          return nil -- not a cross-reference
        end
        local id = kind .. rest
        local label = labels[id]
        if not label or label.kind ~= kind then
          if not seen[id] then
            seen[id] = true
            missing[#missing + 1] = '@' .. id
          end
          return nil
        end
        local word = prefix:match('^%u') and capitalised(label.word) or label.word
        if index > 1 then
          if index == #cite.citations then
            parts:extend({ pandoc.Space(), pandoc.Str('en'), pandoc.Space() })
          else
            parts:extend({ pandoc.Str(','), pandoc.Space() })
          end
        end
        if #citation.prefix > 0 then
          parts:extend(citation.prefix)
          parts:insert(pandoc.Space())
        end
        parts:extend(reference(id, label, word))
        parts:extend(citation.suffix)
      end
      return parts
    end,
  })
  if #missing > 0 then
    error('onbekende verwijzing: ' .. table.concat(missing, ', '), 0)
  end
  return result
end

--[[
The preview (report/publish/chapters.py) converts one changed chapter at a time. Only for it,
two environment variables name files: PREVIEW_CROSSREF_IN holds where the numbering stands at
the chapter's start and every label of the whole document; PREVIEW_CROSSREF_OUT receives where
it stood at each chapter's start and at the end, the labels and the headings, with the chapter
each was found in. The preview compares them with those of the whole document and converts the
whole document when anything differs. Publishing removes both variables.
]]
local IN, OUT = os.getenv('PREVIEW_CROSSREF_IN'), os.getenv('PREVIEW_CROSSREF_OUT')

local function snapshot(state)
  return { counter = table.concat(state.counter, '.'), tables = state.tables,
    figures = state.figures, appendix = state.appendix, appendices = state.appendices,
    chapter = state.chapter }
end

local function restored(saved)
  local state = { counter = {}, tables = math.tointeger(saved.tables),
    figures = math.tointeger(saved.figures), appendix = saved.appendix,
    appendices = math.tointeger(saved.appendices), chapter = math.tointeger(saved.chapter) }
  for part in saved.counter:gmatch('%d+') do
    state.counter[#state.counter + 1] = math.tointeger(tonumber(part))
  end
  return state
end

local function read_json(path)
  local file = assert(io.open(path, 'r'))
  local text = file:read('a')
  file:close()
  return pandoc.json.decode(text, false)
end

function Pandoc(doc)
  local state, record = fresh_state(), { starts = {}, headers = {}, labels = {} }
  if IN then
    local given = read_json(IN)
    state = restored(given.state)
    for id, label in pairs(given.labels) do
      labels[id] = { kind = label.kind, word = label.word, number = label.number,
        link = label.link, given = true, title = label.title and pandoc.json.decode(label.title) }
    end
  end
  local seen = { chapter = function() end, header = function() end } -- publishing records nothing
  if OUT then
    seen.chapter = function(now) record.starts[#record.starts + 1] = snapshot(now) end
    seen.header = function(header, chapter)
      record.headers[#record.headers + 1] = { id = header.identifier, level = header.level,
        classes = table.concat(header.classes, ' '), chapter = chapter,
        content = pandoc.json.encode(header.content) }
    end
  end
  doc.blocks = number_everything(doc.blocks, state, seen)
  if OUT then
    record.ending = snapshot(state)
    for id, label in pairs(labels) do
      if not label.given then
        record.labels[id] = { kind = label.kind, word = label.word, number = label.number,
          link = label.link, chapter = label.chapter,
          title = label.title and pandoc.json.encode(label.title) }
      end
    end
    local file = assert(io.open(OUT, 'w'))
    file:write(pandoc.json.encode(record))
    file:close()
  end
  doc.blocks = resolve(doc.blocks)
  return doc
end
