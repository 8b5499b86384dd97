import GRDB

/// The emulator's tables. File rows carry the active version's size, extension and
/// type so that filters and paging are single indexed queries; `change_seq` orders
/// changes made within the same second.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, lang TEXT);
                CREATE TABLE files (
                    uuid TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    search_name TEXT NOT NULL,
                    active_version TEXT NOT NULL,
                    source_id INTEGER,
                    created_at INTEGER NOT NULL, created_by_type TEXT NOT NULL, created_by_id INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL, updated_by_type TEXT NOT NULL, updated_by_id INTEGER NOT NULL,
                    is_trashed INTEGER NOT NULL DEFAULT 0,
                    deleted_at INTEGER, deleted_by_type TEXT, deleted_by_id INTEGER,
                    size INTEGER NOT NULL, extension TEXT NOT NULL, mime_type TEXT NOT NULL, type TEXT NOT NULL,
                    version_count INTEGER NOT NULL DEFAULT 1,
                    change_seq INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX files_by_update ON files(is_trashed, updated_at DESC, change_seq DESC);
                CREATE INDEX files_by_deletion ON files(is_trashed, deleted_at DESC, change_seq DESC);
                CREATE INDEX files_by_change ON files(change_seq);
                CREATE TABLE versions (
                    uuid TEXT PRIMARY KEY,
                    file_uuid TEXT NOT NULL REFERENCES files(uuid) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    name TEXT NOT NULL, extension TEXT NOT NULL, mime_type TEXT NOT NULL, type TEXT NOT NULL,
                    size INTEGER NOT NULL, source_id INTEGER,
                    created_at INTEGER NOT NULL, created_by_type TEXT NOT NULL, created_by_id INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL, updated_by_type TEXT NOT NULL, updated_by_id INTEGER NOT NULL,
                    blob TEXT NOT NULL
                );
                CREATE INDEX versions_of_file ON versions(file_uuid, seq DESC);
                CREATE TABLE upload_sessions (
                    id INTEGER PRIMARY KEY,
                    file_name TEXT NOT NULL, file_size INTEGER NOT NULL, content_type TEXT, file_uuid TEXT,
                    user_id INTEGER NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
                    received INTEGER NOT NULL DEFAULT 0, parts INTEGER NOT NULL DEFAULT 0,
                    next_token TEXT NOT NULL UNIQUE,
                    last_token TEXT, last_offset INTEGER, last_size INTEGER,
                    finished_file TEXT
                );
                CREATE INDEX sessions_by_last_token ON upload_sessions(last_token);
                CREATE TABLE entities (
                    type TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, search_name TEXT NOT NULL,
                    responsible_user_id INTEGER, created_by INTEGER, updated_by INTEGER,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                    price INTEGER, pipeline_id INTEGER, status_id INTEGER,
                    PRIMARY KEY (type, id)
                );
                CREATE TABLE entity_links (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    entity_type TEXT NOT NULL, entity_id INTEGER NOT NULL,
                    file_uuid TEXT NOT NULL REFERENCES files(uuid) ON DELETE CASCADE,
                    created_at INTEGER NOT NULL,
                    UNIQUE (entity_type, entity_id, file_uuid)
                );
                CREATE INDEX links_by_file ON entity_links(file_uuid);
                CREATE TABLE access_tokens (
                    token TEXT PRIMARY KEY, scopes TEXT NOT NULL, user_id INTEGER NOT NULL,
                    expires_at INTEGER, client_id TEXT
                );
                CREATE TABLE oauth_clients (
                    client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, redirect_uri TEXT NOT NULL, scopes TEXT NOT NULL
                );
                CREATE TABLE refresh_tokens (
                    token TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        // Substring search over names through a trigram index, kept in step by triggers.
        migrator.registerMigration("v2-name-index") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE file_names USING fts5(
                    search_name, content = 'files', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1');
                INSERT INTO file_names(rowid, search_name) SELECT rowid, search_name FROM files;
                CREATE TRIGGER file_names_insert AFTER INSERT ON files BEGIN
                    INSERT INTO file_names(rowid, search_name) VALUES (new.rowid, new.search_name);
                END;
                CREATE TRIGGER file_names_delete AFTER DELETE ON files BEGIN
                    INSERT INTO file_names(file_names, rowid, search_name) VALUES ('delete', old.rowid, old.search_name);
                END;
                CREATE TRIGGER file_names_update AFTER UPDATE OF search_name ON files BEGIN
                    INSERT INTO file_names(file_names, rowid, search_name) VALUES ('delete', old.rowid, old.search_name);
                    INSERT INTO file_names(rowid, search_name) VALUES (new.rowid, new.search_name);
                END;
                """)
        }
        // What attaching in every way needs: pipelines and their stages, custom fields
        // and their values on records, notes, and records related to records.
        migrator.registerMigration("v3-crm") { db in
            try db.execute(sql: """
                CREATE TABLE pipelines (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL, is_main INTEGER NOT NULL, is_archive INTEGER NOT NULL);
                CREATE TABLE statuses (
                    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id), id INTEGER NOT NULL,
                    name TEXT NOT NULL, sort INTEGER NOT NULL, color TEXT NOT NULL, type INTEGER NOT NULL, is_editable INTEGER NOT NULL,
                    PRIMARY KEY (pipeline_id, id)
                );
                CREATE TABLE custom_fields (
                    id INTEGER PRIMARY KEY, entity_type TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, code TEXT,
                    sort INTEGER NOT NULL, is_api_only INTEGER NOT NULL DEFAULT 0, enums TEXT
                );
                CREATE INDEX fields_by_type ON custom_fields(entity_type, sort);
                CREATE TABLE field_values (
                    entity_type TEXT NOT NULL, entity_id INTEGER NOT NULL, field_id INTEGER NOT NULL REFERENCES custom_fields(id),
                    field_values TEXT NOT NULL,
                    PRIMARY KEY (entity_type, entity_id, field_id)
                );
                CREATE TABLE notes (
                    id INTEGER PRIMARY KEY, entity_type TEXT NOT NULL, entity_id INTEGER NOT NULL, note_type TEXT NOT NULL,
                    params TEXT NOT NULL, created_by INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
                );
                CREATE INDEX notes_of_entity ON notes(entity_type, entity_id, id);
                ALTER TABLE entities ADD COLUMN company_id INTEGER;
                ALTER TABLE entities ADD COLUMN contact_id INTEGER;
                """)
        }
        return migrator
    }
}
