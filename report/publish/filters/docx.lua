--[[
The page set-up of the Word edition (DOCX only), which pandoc leaves to the reference document.

- The title page (written by the template rapport.openxml) is a section of its own: page 0,
  without a page number, so the table of contents starts on page 1 as in the PDF.
- A filled table of contents of the chapters and sections (levels 1 and 2, as in the PDF):
  each entry is a link to its heading and a PAGEREF field with its page number, which
  LibreOffice and Word compute when they lay the document out. (Not a TOC field: LibreOffice
  shows a TOC field's stored text and leaves its page numbers empty.)
- Wide tables (`::: {.landscape}`) get a landscape section.
- Caption numbers ("Tabel 2:") get the character style "Caption label".

Page size, margins and footer of every section come from the reference document's own section
(reference.docx, made by tools/make_reference_docx.py), so they have one owner.
]]

if not FORMAT:match('docx') then
  return {}
end

local TOC_DEPTH = 2

local function xml_text(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'):gsub('"', '&quot;'))
end

local function reference_section()
  local path = PANDOC_WRITER_OPTIONS.reference_doc
  if not path then
    error('docx.lua: geen referentiedocument (--reference-doc) opgegeven', 0)
  end
  local file = assert(io.open(path, 'rb'))
  local archive = pandoc.zip.Archive(file:read('a'))
  file:close()
  for _, entry in ipairs(archive.entries) do
    if entry.path == 'word/document.xml' then
      local section = entry:contents():match('<w:sectPr.-</w:sectPr>')
      if section then
        return section
      end
    end
  end
  error('docx.lua: ' .. path .. ' heeft geen paginainstelling (w:sectPr)', 0)
end

local SECTION = reference_section()

local function section_break(section)
  return pandoc.RawBlock('openxml', '<w:p><w:pPr>' .. section .. '</w:pPr></w:p>')
end

-- The reference section with `extra` added just before its end (titlePg must come late).
local function with_ending(section, extra)
  return (section:gsub('</w:sectPr>$', extra .. '</w:sectPr>'))
end

local function title_section()
  local numbered = SECTION:gsub('(<w:pgMar[^>]*/>)', '%1<w:pgNumType w:start="0"/>', 1)
  return with_ending(numbered, '<w:titlePg/>')
end

local function landscape_section()
  local width, height = SECTION:match('<w:pgSz w:w="(%d+)" w:h="(%d+)"')
  return (SECTION:gsub('<w:pgSz[^>]*/>', string.format(
    '<w:pgSz w:w="%s" w:h="%s" w:orient="landscape"/>', height, width), 1))
end

-- Word's bookmark name for a pandoc identifier (the rule of pandoc's DOCX writer).
local function bookmark(identifier)
  local length = utf8.len(identifier) or #identifier
  if identifier:match('^%a') and length <= 40 then
    return identifier
  end
  return 'X' .. pandoc.utils.sha1(identifier):sub(2)
end

-- A field Word and LibreOffice compute (`dirty`: Word recomputes it when it opens the file).
local function field(instruction, result)
  return '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
    .. '<w:r><w:instrText xml:space="preserve"> ' .. xml_text(instruction) .. ' </w:instrText></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    .. (result or '') .. '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
end

local function contents(headers, title)
  local blocks = pandoc.Blocks({
    pandoc.Div(pandoc.Para(title), { ['custom-style'] = 'TOC Heading' }),
  })
  for _, header in ipairs(headers) do
    local name = bookmark(header.identifier)
    local entry = '<w:p><w:pPr><w:pStyle w:val="toc' .. header.level .. '"/></w:pPr>'
    entry = entry .. '<w:hyperlink w:anchor="' .. xml_text(name) .. '" w:history="1">'
      .. '<w:r><w:t xml:space="preserve">' .. xml_text(pandoc.utils.stringify(header.content))
      .. '</w:t></w:r><w:r><w:tab/></w:r>'
      .. field('PAGEREF ' .. name .. ' \\h') .. '</w:hyperlink>'
    blocks:insert(pandoc.RawBlock('openxml', entry .. '</w:p>'))
  end
  return blocks
end

function Pandoc(doc)
  local headers = {}
  doc.blocks:walk({
    Header = function(header)
      if header.level <= TOC_DEPTH and header.identifier ~= '' then
        headers[#headers + 1] = header
      end
    end,
  })
  doc.blocks = doc.blocks:walk({
    Span = function(span)
      if span.classes:includes('caption-label') then
        span.attributes['custom-style'] = 'Caption label'
        return span
      end
    end,
    Div = function(div)
      if div.classes:includes('landscape') then
        local blocks = pandoc.Blocks({ section_break(SECTION) })
        blocks:extend(div.content)
        blocks:insert(section_break(landscape_section()))
        return blocks
      end
    end,
  })
  local front = pandoc.Blocks({ section_break(title_section()) })
  if #headers > 0 then
    local title = doc.meta['toc-title'] or pandoc.Inlines({ pandoc.Str('Inhoudsopgave') })
    front:extend(contents(headers, title)) -- the first chapter heading starts a new page itself
  end
  doc.blocks = front .. doc.blocks
  return doc
end
