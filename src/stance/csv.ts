/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may
 * hold commas, line breaks and doubled quotes (""). A UTF-8 byte-order mark at the start is dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  const n = text.length
  if (text.charCodeAt(0) === 0xfeff) i = 1
  let quoted = false
  let fieldStarted = false
  while (i < n) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      // copy a run of plain characters at once
      let j = text.indexOf('"', i)
      if (j < 0) j = n
      field += text.slice(i, j)
      i = j
      continue
    }
    if (c === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
      i++
    } else if (c === ',') {
      row.push(field)
      field = ''
      fieldStarted = false
      i++
    } else if (c === '\n' || c === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      fieldStarted = false
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      fieldStarted = true
      i++
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Rows as objects keyed by the header row; throws when a row has the wrong number of fields. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const rows = parseCsv(text)
  const header = rows[0] ?? []
  const out: Record<string, string>[] = []
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!
    if (row.length === 1 && row[0] === '') continue
    if (row.length !== header.length) throw new Error(`csv: row ${r + 1} has ${row.length} fields, header has ${header.length}`)
    const o: Record<string, string> = {}
    header.forEach((h, k) => (o[h] = row[k]!))
    out.push(o)
  }
  return out
}
