/**
 * A small Redis client (RESP2 over TCP) for BullMQ.
 *
 * BullMQ talks to Redis through its `IRedisClient` adapter interface and loads `ioredis` only when
 * given plain connection options; `ioredis` is an optional peer dependency that whosaid does not
 * install. BullMQ also ships an adapter for Bun's built-in Redis client, which needs only a raw
 * connection with `connect`, `close`, `send(command, args)`, `duplicate` and the `onconnect` /
 * `onclose` callbacks; this class is such a connection on Node's `net`. The adapter does everything
 * else (Lua scripts via EVALSHA, MULTI/EXEC, reconnects with backoff, reply shapes).
 *
 * Replies: simple strings and bulk strings as JavaScript strings (UTF-8), integers as numbers, nil
 * as null, arrays as arrays, error replies as rejected promises (or Error elements inside an array,
 * which is how EXEC reports a failed command). Commands are pipelined: every command is written at
 * once and replies are matched in order.
 */
import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { WhosaidError } from '../errors.js'

export interface RedisTarget {
  host: string
  port: number
  username?: string
  password?: string
  db: number
  tls: boolean
}

/** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
export function parseRedisUrl(url: string): RedisTarget & { redacted: string } {
  const redacted = redactRedisUrl(url)
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw new WhosaidError('E010', 'not a redis:// URL', redacted)
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new WhosaidError('E010', 'the queue must be a redis://host:port URL (rediss:// for TLS)', redacted)
  }
  const db = parsed.pathname.replace(/^\//, '')
  if (db && !/^\d{1,2}$/.test(db)) throw new WhosaidError('E010', `the database in a redis URL is a number, got "${db}"`, redacted)
  return {
    host: parsed.hostname.replace(/^\[(.+)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:',
    redacted,
  }
}

export function redactRedisUrl(url: string): string {
  return url.trim().replace(/^(\w+:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@')
}

/** An error reply from Redis (`-ERR ...`, `-NOSCRIPT ...`). */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RedisReplyError'
  }
}

const CONNECT_TIMEOUT_MS = 5000
const CRLF = Buffer.from('\r\n')
const INCOMPLETE = Symbol('incomplete')
type Reply = string | number | null | Error | Reply[]

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
}

export class RespClient {
  connected = false
  onconnect: ((...args: unknown[]) => void) | null = null
  onclose: ((...args: unknown[]) => void) | null = null
  onerror: ((...args: unknown[]) => void) | null = null

  private socket: Socket | null = null
  private connecting: Promise<void> | null = null
  private readonly pending: Pending[] = []
  private buffer: Buffer = Buffer.alloc(0)
  private lastError: Error | null = null

  constructor(
    readonly target: RedisTarget,
    /** Every client made from this one by duplicate() joins it, so its owner can close them all. */
    private readonly family: Set<RespClient> = new Set(),
  ) {
    family.add(this)
  }

  connect(): Promise<void> {
    if (this.connected) return Promise.resolve()
    this.connecting ??= this.open().finally(() => (this.connecting = null))
    return this.connecting
  }

  /** Closes at once; commands waiting for a reply fail with "Connection closed". */
  close(): void {
    this.family.delete(this)
    this.socket?.destroy()
    this.socket = null
    this.fail(new Error('Connection closed'))
    this.connected = false
  }

  /** A new, unconnected client for the same server (BullMQ's blocking connections, reconnects). */
  async duplicate(): Promise<this> {
    return new RespClient(this.target, this.family) as this
  }

  send<T = unknown>(command: string, args: ReadonlyArray<string | Buffer>): Promise<T> {
    if (this.connecting && !this.connected) return this.connecting.then(() => this.send<T>(command, args))
    if (!this.connected || !this.socket) return Promise.reject(new Error('Connection closed'))
    return this.write<T>(command, args)
  }

  get(key: string): Promise<string | null> {
    return this.send('GET', [key])
  }

  smembers(key: string): Promise<string[]> {
    return this.send('SMEMBERS', [key])
  }

  incr(key: string): Promise<number> {
    return this.send('INCR', [key])
  }

  private write<T>(command: string, args: ReadonlyArray<string | Buffer>): Promise<T> {
    const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n$${Buffer.byteLength(command)}\r\n${command}\r\n`)]
    for (const arg of args) {
      const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg))
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF)
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (value: unknown) => void, reject })
      this.socket!.write(parts.length === 1 ? parts[0]! : Buffer.concat(parts))
    })
  }

  private open(): Promise<void> {
    const { host, port, tls } = this.target
    return new Promise<void>((resolve, reject) => {
      const socket = tls ? connectTls({ host, port, servername: host }) : connectTcp({ host, port })
      this.socket = socket
      this.buffer = Buffer.alloc(0)
      this.lastError = null
      socket.setNoDelay(true)
      socket.setKeepAlive(true, 30_000)
      const timer = setTimeout(() => socket.destroy(new Error(`connect ETIMEDOUT ${host}:${port}`)), CONNECT_TIMEOUT_MS)
      let settled = false
      const fail = (error: Error): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        socket.destroy()
        reject(error)
      }
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer)
        this.handshake()
          .then(() => {
            settled = true
            this.connected = true
            this.onconnect?.()
            resolve()
          })
          .catch(fail)
      })
      socket.on('data', (chunk: Buffer) => this.receive(chunk))
      socket.on('error', (error) => {
        this.lastError = error
        fail(error)
      })
      socket.on('close', () => {
        const wasConnected = this.connected
        this.connected = false
        if (this.socket === socket) this.socket = null
        const reason = this.lastError ? `: ${this.lastError.message}` : ''
        this.fail(new Error(`Connection closed${reason}`))
        fail(this.lastError ?? new Error(`Connection closed before ${host}:${port} answered`))
        if (wasConnected) this.onclose?.(this.lastError ?? undefined)
      })
    })
  }

  /** AUTH and SELECT, sent before the connection counts as connected. */
  private async handshake(): Promise<void> {
    const { username, password, db } = this.target
    if (password !== undefined) await this.write('AUTH', username ? [username, password] : [password])
    if (db !== 0) await this.write('SELECT', [String(db)])
  }

  private fail(error: Error): void {
    for (const waiting of this.pending.splice(0)) waiting.reject(error)
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    let offset = 0
    while (offset < this.buffer.length) {
      let parsed: ReturnType<typeof parseReply>
      try {
        parsed = parseReply(this.buffer, offset)
      } catch (error) {
        // Out of step with the server: nothing after this can be matched to its command.
        this.socket?.destroy(error as Error)
        return
      }
      if (parsed === INCOMPLETE) break
      offset = parsed.next
      const waiting = this.pending.shift()
      if (!waiting) continue // a reply nobody asked for (cannot happen with RESP2 request/response)
      if (parsed.value instanceof Error) waiting.reject(parsed.value)
      else waiting.resolve(parsed.value)
    }
    this.buffer = offset === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(offset)
  }
}

/** Closes every connection of a family (a client and all its duplicates) that is still open. */
export function closeFamily(family: Set<RespClient>): void {
  for (const client of [...family]) client.close()
}

/** One RESP2 reply starting at `offset`, or INCOMPLETE when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, offset: number): { value: Reply; next: number } | typeof INCOMPLETE {
  const lineEnd = buffer.indexOf(CRLF, offset)
  if (lineEnd < 0) return INCOMPLETE
  const type = buffer[offset]
  const line = buffer.toString('utf8', offset + 1, lineEnd)
  const next = lineEnd + 2
  switch (type) {
    case 0x2b: // + simple string
      return { value: line, next }
    case 0x2d: // - error
      return { value: new RedisReplyError(line), next }
    case 0x3a: // : integer
      return { value: Number(line), next }
    case 0x24: {
      // $ bulk string
      const length = Number(line)
      if (length < 0) return { value: null, next }
      if (buffer.length < next + length + 2) return INCOMPLETE
      return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 }
    }
    case 0x2a: {
      // * array
      const count = Number(line)
      if (count < 0) return { value: null, next }
      const items: Reply[] = []
      let at = next
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, at)
        if (item === INCOMPLETE) return INCOMPLETE
        items.push(item.value)
        at = item.next
      }
      return { value: items, next: at }
    }
    default:
      throw new Error(`unexpected byte ${type} in a Redis reply`)
  }
}
