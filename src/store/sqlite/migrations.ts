/**
 * Schema migrations, in code. Each migration runs in its own transaction and records its version in
 * `schema_migrations`, so a crash between two migrations leaves a database that the next open simply
 * finishes upgrading. Never edit a released migration: append a new one.
 */
import type Database from 'better-sqlite3'
import { checkNotNewer, latestVersion, type Migration } from '../migrations.js'

export type { Migration }

/**
 * Recomputes every stored name key with name_key(), today's folding (name-key.ts), whenever the
 * folding changes. Two spellings of one entity that now fold together keep one lookup row, the
 * first (as the write path does). Today's folding refines the previous one and is idempotent
 * (lexicon/transliteration.ts), so a refolded key is already a fixed point and no update collides
 * midway with a row that is still to change.
 */
const REFOLD_NAME_KEYS = `
  DELETE FROM entity_names WHERE EXISTS (
    SELECT 1 FROM entity_names AS earlier
    WHERE earlier.article_id = entity_names.article_id AND earlier.entity_id = entity_names.entity_id
      AND earlier.seq < entity_names.seq AND name_key(earlier.name) = name_key(entity_names.name));
  UPDATE entity_names SET name_key = name_key(name) WHERE name_key != name_key(name);
  UPDATE entities SET name_key = name_key(name) WHERE name_key != name_key(name);
  UPDATE statements SET speaker_key = name_key(speaker_name) WHERE speaker_key != name_key(speaker_name);
  UPDATE articles SET outlet_key = name_key(outlet) WHERE outlet IS NOT NULL AND outlet_key IS NOT name_key(outlet);
`

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, entities, names, roles, statements',
    sql: `
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        headline TEXT,
        outlet TEXT,
        section TEXT,
        byline TEXT,
        published TEXT,
        modified TEXT,
        url TEXT,
        language TEXT NOT NULL,
        source TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        -- published, or ingested_at for undated articles: what "newest first" and "since" compare
        sort_date TEXT NOT NULL,
        statement_count INTEGER NOT NULL,
        entity_count INTEGER NOT NULL,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL
      );
      CREATE INDEX articles_sort_date ON articles (sort_date DESC, id DESC);

      CREATE TABLE entities (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        PRIMARY KEY (article_id, local_id)
      ) WITHOUT ROWID;
      CREATE INDEX entities_name_key ON entities (name_key);

      -- every surface form of an entity, the canonical name included (seq 0), for lookups by alias
      CREATE TABLE entity_names (
        article_id INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id, name_key),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, local_id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX entity_names_name_key ON entity_names (name_key);

      CREATE TABLE entity_roles (
        article_id INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id, seq),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, local_id) ON DELETE CASCADE
      ) WITHOUT ROWID;

      -- integer id so the FTS index can point at rows; (article_id, local_id) is the natural key
      CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker_entity TEXT,
        speaker_name TEXT NOT NULL,
        speaker_key TEXT NOT NULL,
        speaker_anonymous INTEGER NOT NULL,
        speaker_start INTEGER NOT NULL,
        speaker_end INTEGER NOT NULL,
        speaker_text TEXT NOT NULL,
        cue_start INTEGER NOT NULL,
        cue_end INTEGER NOT NULL,
        cue_text TEXT NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content_text TEXT NOT NULL,
        UNIQUE (article_id, local_id),
        FOREIGN KEY (article_id, speaker_entity) REFERENCES entities (article_id, local_id)
      );
      CREATE INDEX statements_speaker ON statements (article_id, speaker_entity);
    `,
  },
  {
    version: 2,
    name: 'full-text index over statements',
    // External-content FTS5: the text lives once, in statements; triggers keep the index in step
    // inside the same transaction as the row, and 'rebuild' indexes rows stored before version 2.
    sql: `
      CREATE VIRTUAL TABLE statements_fts USING fts5 (
        content_text, speaker_name,
        content = 'statements', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, content_text, speaker_name) VALUES (new.id, new.content_text, new.speaker_name);
      END;
      CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker_name)
          VALUES ('delete', old.id, old.content_text, old.speaker_name);
      END;
      CREATE TRIGGER statements_fts_update AFTER UPDATE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker_name)
          VALUES ('delete', old.id, old.content_text, old.speaker_name);
        INSERT INTO statements_fts (rowid, content_text, speaker_name) VALUES (new.id, new.content_text, new.speaker_name);
      END;
      INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
    `,
  },
  {
    version: 3,
    name: 'search filters: statement stance, folded outlet, indexes for speaker, outlet and stance',
    // The stance stage adds statement.stance {label, score} to the record; the columns let search
    // filter on it. Rows stored before this version get theirs from the stored record (only articles
    // whose JSON mentions a stance are parsed, so the upgrade stays quick on a big store).
    sql: `
      ALTER TABLE statements ADD COLUMN stance_label TEXT;
      ALTER TABLE statements ADD COLUMN stance_score REAL;
      UPDATE statements SET
        stance_label = json_extract((SELECT analysis FROM articles WHERE id = statements.article_id), '$.statements[' || seq || '].stance.label'),
        stance_score = json_extract((SELECT analysis FROM articles WHERE id = statements.article_id), '$.statements[' || seq || '].stance.score')
      WHERE article_id IN (SELECT id FROM articles WHERE instr(analysis, '"stance":') > 0);
      CREATE INDEX statements_stance ON statements (stance_label COLLATE NOCASE) WHERE stance_label IS NOT NULL;
      CREATE INDEX statements_speaker_key ON statements (speaker_key);
      -- the outlet folded like names (name_key() is registered on every connection by openDatabase)
      ALTER TABLE articles ADD COLUMN outlet_key TEXT;
      UPDATE articles SET outlet_key = name_key(outlet) WHERE outlet IS NOT NULL;
      CREATE INDEX articles_outlet_key ON articles (outlet_key) WHERE outlet_key IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'name keys fold transliterations (Mohamed/Muhammad, el-/al-, Abdel/Abd al, apostrophes, dashes)',
    sql: REFOLD_NAME_KEYS,
  },
  {
    version: 5,
    name: 'name keys fold vowels and doubled letters (Morsi/Mursi, Hussein/Husain, Hassan/Hasan)',
    sql: REFOLD_NAME_KEYS,
  },
]

/** The schema version a database is at; 0 for a new, empty database. */
export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null }
  return row.version ?? 0
}

/**
 * Brings the database up to the last migration in `migrations`. Refuses (E013) a database written
 * by a newer whosaid, because this build cannot know what the newer schema means.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  where: string | null = null,
): { from: number; to: number } {
  const latest = latestVersion(migrations)
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const from = schemaVersion(db)
  checkNotNewer(from, latest, 'the database', where)
  for (const migration of migrations) {
    if (migration.version <= from) continue
    // IMMEDIATE takes the write lock first, so two processes opening the same old file cannot both
    // apply a migration; the re-check inside makes the second one a no-op.
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return
      db.exec(migration.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      )
    }).immediate()
  }
  return { from, to: Math.max(from, latest) }
}
