// Small inline SVG charts built with DOM calls: a horizontal bar chart (statements per source) and a
// monthly timeline (statements per month). Labels are text nodes; each bar has a <title> tooltip and
// the chart an aria-label with the figures, so the numbers are there without the picture.
import { el, svg } from './dom.js'

/** Shortens a label for the chart; the full text stays in the bar's <title>. */
function clip(text, max) {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Horizontal bars, one row per item: `rows` = [{label, value, slot?}] (slot = source colour).
 * Long lists keep the `maxRows` largest and say how many were left out.
 */
export function barChart(rows, { label, maxRows = 12, unit = 'statement' } = {}) {
  const shown = rows.slice(0, maxRows)
  const rowHeight = 22
  const labelWidth = 128
  const barArea = 150
  const width = labelWidth + barArea + 34
  const height = Math.max(1, shown.length) * rowHeight + 4
  const max = Math.max(1, ...shown.map((row) => row.value))
  const summary = shown.map((row) => `${row.label}: ${row.value}`).join('; ')
  const chart = svg('svg', {
    class: 'chart bar-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `${label}. ${summary}${rows.length > shown.length ? `; and ${rows.length - shown.length} more` : ''}`,
    preserveAspectRatio: 'xMinYMin meet',
  })
  shown.forEach((row, index) => {
    const y = index * rowHeight + 2
    const barWidth = Math.max(2, (row.value / max) * barArea)
    chart.append(
      svg(
        'g',
        { class: row.slot == null ? 'bar' : `bar src-${row.slot}` },
        svg('title', { text: `${row.label}: ${row.value} ${unit}${row.value === 1 ? '' : 's'}` }),
        svg('text', { x: labelWidth - 6, y: y + 15, 'text-anchor': 'end', class: 'chart-label', text: clip(row.label, 18) }),
        svg('rect', { x: labelWidth, y: y + 3, width: barWidth.toFixed(1), height: rowHeight - 8, rx: 3 }),
        svg('text', { x: labelWidth + barWidth + 4, y: y + 15, class: 'chart-value', text: String(row.value) }),
      ),
    )
  })
  const figure = el('figure', { class: 'chart-figure' }, chart)
  if (rows.length > shown.length) figure.append(el('figcaption', { class: 'meta' }, `Top ${shown.length} of ${rows.length}`))
  return figure
}

/** Every month from the first to the last of `timeline` ([{month: 'YYYY-MM', statements}]), gaps as 0. */
export function fillMonths(timeline) {
  const valid = timeline.filter((row) => /^\d{4}-\d{2}$/.test(row.month))
  if (valid.length === 0) return []
  const counts = new Map(valid.map((row) => [row.month, row.statements]))
  const [first, last] = [valid[0].month, valid[valid.length - 1].month]
  const months = []
  let [year, month] = first.split('-').map(Number)
  // Bounded: a corpus over a century is still only 1,200 bars.
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    months.push({ month: key, statements: counts.get(key) ?? 0 })
    if (key >= last) break
    month++
    if (month > 12) {
      month = 1
      year++
    }
  }
  return months
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const monthName = (key) => `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`

/** Statements per month as columns, with year ticks (or month ticks for a short span) and a data table. */
export function timelineChart(timeline, { label = 'Statements per month' } = {}) {
  const months = fillMonths(timeline)
  if (months.length === 0) return el('p', { class: 'meta' }, 'No dated statements.')
  // Natural size grows with the span; CSS shrinks it on narrow screens, never stretches it.
  const width = Math.max(360, Math.min(1100, months.length * 22 + 60))
  const height = 150
  const [top, bottom, left, right] = [12, 26, 28, 8]
  const plotWidth = width - left - right
  const plotHeight = height - top - bottom
  const max = Math.max(1, ...months.map((m) => m.statements))
  const step = plotWidth / months.length
  const barWidth = Math.max(1, Math.min(28, step * 0.8))
  const busiest = months.reduce((a, b) => (b.statements > a.statements ? b : a))
  const total = months.reduce((sum, m) => sum + m.statements, 0)
  const chart = svg('svg', {
    class: 'chart timeline-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `${label}: ${total} statements from ${monthName(months[0].month)} to ${monthName(months[months.length - 1].month)}; most in ${monthName(busiest.month)} (${busiest.statements})`,
  })
  chart.append(
    svg('line', { x1: left, y1: top + plotHeight + 0.5, x2: width - right, y2: top + plotHeight + 0.5, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 8, 'text-anchor': 'end', class: 'chart-value', text: String(max) }),
    svg('text', { x: left - 6, y: top + plotHeight, 'text-anchor': 'end', class: 'chart-value', text: '0' }),
  )
  const short = months.length <= 18
  months.forEach((m, index) => {
    const x = left + index * step + (step - barWidth) / 2
    const barHeight = (m.statements / max) * plotHeight
    if (m.statements > 0) {
      chart.append(
        svg(
          'g',
          { class: 'bar' },
          svg('title', { text: `${monthName(m.month)}: ${m.statements} statement${m.statements === 1 ? '' : 's'}` }),
          svg('rect', { x: x.toFixed(1), y: (top + plotHeight - barHeight).toFixed(1), width: barWidth.toFixed(1), height: Math.max(1, barHeight).toFixed(1), rx: 1.5 }),
        ),
      )
    }
    const tick = short || m.month.endsWith('-01') || index === 0
    const crowded = !short && months.length > 120 && Number(m.month.slice(0, 4)) % 2 === 1
    if (tick && !crowded) {
      chart.append(
        svg('text', {
          x: (left + index * step + step / 2).toFixed(1),
          y: height - 8,
          'text-anchor': 'middle',
          class: 'chart-label',
          text: short ? monthName(m.month).replace(' ', ' ’').replace(/’(\d\d)(\d\d)$/, '’$2') : m.month.slice(0, 4),
        }),
      )
    }
  })
  const table = el(
    'details',
    { class: 'chart-table' },
    el('summary', {}, 'Show the figures'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Month'), el('th', { scope: 'col' }, 'Statements'))),
      el('tbody', {}, ...months.filter((m) => m.statements > 0).map((m) => el('tr', {}, el('td', {}, monthName(m.month)), el('td', {}, String(m.statements))))),
    ),
  )
  return el('figure', { class: 'chart-figure' }, chart, table)
}
