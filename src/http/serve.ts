/**
 * Runs the app on a Node HTTP server. Without a token it listens on loopback only: anyone who can
 * reach the port can read the store and spend CPU on analyses.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { WhosaidError } from '../errors.js'
import { createApp, type AppDeps } from './app.js'

export interface ServeOptions extends AppDeps {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 8080; 0 picks a free port (the returned url has the real one). */
  port?: number
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 8080

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(bare)
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WhosaidError('E010', `port must be 0-65535, got ${port}`, 'port')
  if (!isLoopback(host) && !options.token) {
    throw new WhosaidError('E010', 'binding to a non-loopback address requires --token', host)
  }
  const app = createApp(options)
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message
      reject(new WhosaidError('E010', `cannot listen on ${host}:${port}: ${reason}`, `${host}:${port}`, { cause: error }))
    })
    server.listen(port, host.replace(/^\[|\]$/g, ''), () => resolve())
  })
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections()
      }),
  }
}
