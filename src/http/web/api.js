// Talking to /api/v1: JSON in and out, the bearer token when the server asks for one, and errors
// turned into ApiError with the server's code, message and field.

const API = '/api/v1'
const TOKEN_KEY = 'whosaid-token'

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `the server answered HTTP ${status}`)
    this.status = status
    this.code = error?.code ?? `HTTP ${status}`
    this.where = error?.where ?? null
  }
}

/** sessionStorage can be missing or refuse access (privacy modes): then there is no stored token. */
function storedToken(value) {
  try {
    if (value !== undefined) globalThis.sessionStorage.setItem(TOKEN_KEY, value)
    return globalThis.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

/** A server started with --token answers 401 until the page sends the token; ask once per tab. */
function authHeaders() {
  const token = storedToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** fetch under /api/v1 with the token; asks for the token once on a 401 and retries. */
export async function request(path, init = {}, retried = false) {
  const response = await fetch(API + path, { ...init, headers: { Accept: 'application/json', ...authHeaders(), ...(init.headers ?? {}) } })
  if (response.status === 401 && !retried && typeof window.prompt === 'function') {
    const token = window.prompt('This whosaid server needs its access token:')
    if (token) {
      storedToken(token.trim())
      return request(path, init, true)
    }
  }
  return response
}

async function json(response) {
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new ApiError(response.status, body?.error)
  return body
}

export const getJson = async (path) => json(await request(path))

export const postJson = async (path, body, signal) =>
  json(await request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal }))

/** POST raw bytes (a Blob or Uint8Array) with their content type; the Response, for the caller to read. */
export async function postRaw(path, body, contentType, signal) {
  const response = await request(path, { method: 'POST', body, headers: { 'Content-Type': contentType }, signal })
  if (!response.ok) await json(response)
  return response
}

/** The JSON values of an NDJSON response, one by one, as they arrive. */
export async function* ndjson(response) {
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let pending = ''
  for (;;) {
    const { done, value } = await reader.read()
    pending += done ? decoder.decode() : decoder.decode(value, { stream: true })
    let newline
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      if (line.trim()) yield JSON.parse(line)
    }
    if (done) break
  }
  if (pending.trim()) yield JSON.parse(pending)
}

/** Search filters to offer (outlets, speakers, stances); fetched once per page load. */
let facets = null
export function getFacets() {
  facets ??= getJson('/facets?limit=200').catch(() => {
    facets = null
    return { outlets: [], speakers: [], stances: [] }
  })
  return facets
}

/** After an ingest the facets have changed. */
export function forgetFacets() {
  facets = null
}
