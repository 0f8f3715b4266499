/**
 * PostgreSQL schema migrations, in code, versioned in `schema_migrations` inside the store's schema.
 * Each migration runs in its own transaction (PostgreSQL DDL is transactional) under an advisory
 * lock keyed by the schema name, so several workers starting at once against a new database apply
 * each migration exactly once; the others wait, re-check the version and find nothing to do.
 * Never edit a released migration: append a new one.
 */
import type { Pool, PoolClient } from 'pg'
import { nameKey } from '../name-key.js'
import { foldedOrNull } from './fold.js'
import { checkNotNewer, latestVersion, type Migration as SqlMigration } from '../migrations.js'

export interface Migration extends SqlMigration {
  /** Runs after `sql`, in the same transaction: for what SQL alone cannot compute (name folding). */
  backfill?: (client: PoolClient) => Promise<void>
}

const NAME_KEYS_TABLE = `CREATE TEMP TABLE name_keys (name text PRIMARY KEY, key text NOT NULL) ON COMMIT DROP`

/**
 * Recomputes the stored name keys whose folding has changed (name-key.ts), for every distinct name
 * once, whenever the folding changes.
 */
async function refoldNameKeys(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ name: string; key: string }>(
    `SELECT name, name_key AS key FROM entity_names UNION SELECT name, name_key FROM entities
     UNION SELECT speaker_name, speaker_key FROM statements
     UNION SELECT outlet, outlet_key FROM articles WHERE outlet IS NOT NULL`,
  )
  const changed = [...new Set(rows.filter((row) => row.key !== nameKey(row.name)).map((row) => row.name))]
  if (changed.length === 0) return
  await client.query('INSERT INTO name_keys SELECT * FROM unnest($1::text[], $2::text[])', [changed, changed.map((name) => nameKey(name))])
  // Two spellings of one entity that now fold together keep one lookup row, the first. After
  // that, no update collides midway: today's folding refines the previous one and is idempotent
  // (lexicon/transliteration.ts), so refolded keys are fixed points and changed keys are not.
  await client.query(`
    WITH folded AS (
      SELECT n.article_id, n.entity_id, n.seq, coalesce(k.key, n.name_key) AS key
      FROM entity_names n LEFT JOIN name_keys k ON k.name = n.name
      WHERE (n.article_id, n.entity_id) IN (SELECT article_id, entity_id FROM entity_names JOIN name_keys USING (name))
    )
    DELETE FROM entity_names e USING folded later
    WHERE e.article_id = later.article_id AND e.entity_id = later.entity_id AND e.seq = later.seq
      AND EXISTS (SELECT 1 FROM folded earlier WHERE earlier.article_id = later.article_id
        AND earlier.entity_id = later.entity_id AND earlier.seq < later.seq AND earlier.key = later.key)`)
  await client.query('UPDATE entity_names e SET name_key = k.key FROM name_keys k WHERE e.name = k.name')
  await client.query('UPDATE entities e SET name_key = k.key FROM name_keys k WHERE e.name = k.name')
  await client.query('UPDATE statements s SET speaker_key = k.key FROM name_keys k WHERE s.speaker_name = k.name')
  await client.query('UPDATE articles a SET outlet_key = k.key FROM name_keys k WHERE a.outlet = k.name')
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, entities, names, roles, statements, full-text index',
    sql: `
      CREATE TABLE articles (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        content_hash text COLLATE "C" NOT NULL,
        headline text,
        outlet text,
        section text,
        byline text,
        published text,
        modified text,
        url text,
        language text NOT NULL,
        source text NOT NULL,
        ingested_at text NOT NULL,
        -- published, or ingested_at for undated articles: what "newest first" and "since" compare.
        -- ISO strings compared byte by byte ("C"), exactly as SQLite compares them.
        sort_date text COLLATE "C" NOT NULL,
        statement_count integer NOT NULL,
        entity_count integer NOT NULL,
        text text NOT NULL,
        -- the record exactly as put (text, not jsonb, which would reorder keys)
        analysis text NOT NULL,
        CONSTRAINT articles_content_hash UNIQUE (content_hash)
      );
      CREATE INDEX articles_sort_date ON articles (sort_date DESC, id DESC);

      CREATE TABLE entities (
        article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id text NOT NULL,
        type text NOT NULL,
        name text NOT NULL,
        name_key text NOT NULL,
        PRIMARY KEY (article_id, local_id)
      );
      CREATE INDEX entities_name_key ON entities (name_key);

      -- every surface form of an entity, the canonical name included (seq 0), for lookups by alias
      CREATE TABLE entity_names (
        article_id bigint NOT NULL,
        entity_id text NOT NULL,
        seq integer NOT NULL,
        name text NOT NULL,
        name_key text NOT NULL,
        PRIMARY KEY (article_id, entity_id, name_key),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, local_id) ON DELETE CASCADE
      );
      CREATE INDEX entity_names_name_key ON entity_names (name_key);

      CREATE TABLE entity_roles (
        article_id bigint NOT NULL,
        entity_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (article_id, entity_id, seq),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, local_id) ON DELETE CASCADE
      );

      CREATE TABLE statements (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        speaker_entity text,
        speaker_name text NOT NULL,
        speaker_key text NOT NULL,
        speaker_anonymous boolean NOT NULL,
        speaker_start integer NOT NULL,
        speaker_end integer NOT NULL,
        speaker_text text NOT NULL,
        cue_start integer NOT NULL,
        cue_end integer NOT NULL,
        cue_text text NOT NULL,
        content_start integer NOT NULL,
        content_end integer NOT NULL,
        content_text text NOT NULL,
        -- content_text with accents folded (fold.ts), or NULL when folding changes nothing
        content_folded text,
        -- what full-text search matches: the content (weight A) and the speaker's name (weight B),
        -- both accent-folded, as FTS5 indexes content_text and speaker_name in the SQLite store
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english'::regconfig, coalesce(content_folded, content_text)), 'A') ||
          setweight(to_tsvector('english'::regconfig, speaker_key), 'B')
        ) STORED,
        UNIQUE (article_id, local_id),
        FOREIGN KEY (article_id, speaker_entity) REFERENCES entities (article_id, local_id)
      );
      CREATE INDEX statements_speaker ON statements (article_id, speaker_entity);
      CREATE INDEX statements_search ON statements USING gin (search);
    `,
  },
  {
    version: 2,
    name: 'search filters: statement stance, folded outlet, indexes for speaker, outlet and stance',
    // As SQLite's version 3. The stance stage adds statement.stance {label, score} to the record;
    // rows stored before this version get theirs from the stored record (only articles whose JSON
    // mentions a stance are parsed, so the upgrade stays quick on a big store).
    sql: `
      ALTER TABLE statements ADD COLUMN stance_label text, ADD COLUMN stance_score double precision;
      UPDATE statements s SET
        stance_label = CASE WHEN jsonb_typeof(a.statements -> s.seq -> 'stance' -> 'label') = 'string'
          THEN nullif(a.statements -> s.seq -> 'stance' ->> 'label', '') END,
        stance_score = CASE WHEN jsonb_typeof(a.statements -> s.seq -> 'stance' -> 'score') = 'number'
          THEN (a.statements -> s.seq -> 'stance' ->> 'score')::double precision END
      FROM (SELECT id, analysis::jsonb -> 'statements' AS statements FROM articles WHERE strpos(analysis, '"stance":') > 0) a
      WHERE s.article_id = a.id;
      CREATE INDEX statements_stance ON statements (lower(stance_label)) WHERE stance_label IS NOT NULL;
      CREATE INDEX statements_speaker_key ON statements (speaker_key);
      -- the outlet folded like names (name-key.ts); filled for stored rows by the backfill below
      ALTER TABLE articles ADD COLUMN outlet_key text;
      CREATE INDEX articles_outlet_key ON articles (outlet_key) WHERE outlet_key IS NOT NULL;
    `,
    async backfill(client) {
      const { rows } = await client.query<{ outlet: string }>('SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL')
      if (rows.length === 0) return
      await client.query(
        'UPDATE articles a SET outlet_key = k.key FROM unnest($1::text[], $2::text[]) AS k(outlet, key) WHERE a.outlet = k.outlet',
        [rows.map((row) => row.outlet), rows.map((row) => nameKey(row.outlet))],
      )
    },
  },
  {
    version: 3,
    name: 'name keys fold transliterations (Mohamed/Muhammad, el-/al-, Abdel/Abd al, apostrophes, dashes)',
    // As SQLite's version 4, with the keys computed here (name-key.ts) for every distinct name once.
    sql: NAME_KEYS_TABLE,
    backfill: refoldNameKeys,
  },
  {
    version: 4,
    name: 'name keys fold vowels and doubled letters (Morsi/Mursi, Hussein/Husain, Hassan/Hasan); speaker names indexed as written',
    // As SQLite's version 5. The full-text index had the speaker's name key, which now reads
    // "antunio guterres": it takes the name as written, accent-folded like the content (fold.ts),
    // as FTS5 indexes speaker_name in the SQLite store.
    sql: `
      ${NAME_KEYS_TABLE};
      ALTER TABLE statements ADD COLUMN speaker_folded text;
      ALTER TABLE statements DROP COLUMN search;
      ALTER TABLE statements ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(content_folded, content_text)), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(speaker_folded, speaker_name)), 'B')
      ) STORED;
      CREATE INDEX statements_search ON statements USING gin (search);
    `,
    async backfill(client) {
      await refoldNameKeys(client)
      const { rows } = await client.query<{ name: string }>('SELECT DISTINCT speaker_name AS name FROM statements')
      const folded = rows.map((row) => ({ name: row.name, folded: foldedOrNull(row.name) })).filter((row) => row.folded !== null)
      if (folded.length === 0) return
      await client.query(
        'UPDATE statements s SET speaker_folded = f.folded FROM unnest($1::text[], $2::text[]) AS f(name, folded) WHERE s.speaker_name = f.name',
        [folded.map((row) => row.name), folded.map((row) => row.folded)],
      )
    },
  },
]

/** The schema version the store's schema is at; 0 when it has no whosaid tables yet. */
export async function schemaVersion(db: Pool | PoolClient): Promise<number> {
  const exists = await db.query<{ found: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`)
  if (!exists.rows[0]!.found) return 0
  const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations')
  return rows[0]!.version ?? 0
}

/**
 * Creates the schema if needed and brings it up to the last migration in `migrations`. Refuses
 * (E013) a schema written by a newer whosaid, because this build cannot know what it means.
 */
export async function migrate(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
  where: string | null = null,
): Promise<{ from: number; to: number }> {
  const latest = latestVersion(migrations)
  const client = await pool.connect()
  try {
    let from: number | null = null
    // At least one round, to create the schema and the version table; then one per migration.
    for (let round = 0; round <= migrations.length; round++) {
      const applied = await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`whosaid.migrate.${schema}`])
        // Look first: CREATE SCHEMA needs a privilege that a user of an existing schema may lack.
        const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
        // The name is a checked lower-case identifier (url.ts), safe to splice.
        if (!rowCount) await client.query(`CREATE SCHEMA ${schema}`)
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`)
        const current = await schemaVersion(client)
        from ??= current
        checkNotNewer(current, latest, `the database schema "${schema}"`, where)
        const next = migrations.find((m) => m.version > current)
        if (!next) return false
        await client.query(next.sql)
        await next.backfill?.(client)
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name])
        return true
      })
      if (!applied) break
    }
    return { from: from ?? 0, to: Math.max(from ?? 0, latest) }
  } finally {
    client.release()
  }
}

export async function inTransaction<T>(client: PoolClient, run: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await run()
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
