import type { AccessTier } from '@mcpctl/toolkit';
import type { Dialect } from './lexer.js';

/**
 * Functions with effects outside a read: server files, other connections,
 * session locks, sequences. A call to one raises the statement's tier.
 * Matching is by the unqualified name, case-insensitively.
 */

export interface DeniedFunction {
  needs: AccessTier;
  reason: string;
}

const FILES = 'it reads or writes files on the database server';
const REMOTE = 'it connects to another database';
const ADMIN = 'it acts on the server or other sessions';
const LOCKS = 'it takes session locks';

const POSTGRES: Record<string, DeniedFunction> = {
  ...each(['pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_ls_logdir', 'pg_ls_waldir', 'pg_ls_tmpdir', 'pg_ls_archive_statusdir', 'pg_ls_logicalsnapdir', 'pg_ls_logicalmapdir', 'pg_ls_replslotdir', 'pg_stat_file', 'pg_file_write', 'pg_file_rename', 'pg_file_unlink', 'pg_file_sync', 'pg_logdir_ls'], 'destructive', FILES),
  ...each(['pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf', 'pg_rotate_logfile', 'pg_promote', 'pg_switch_wal', 'pg_create_restore_point', 'pg_backup_start', 'pg_backup_stop', 'pg_log_backend_memory_contexts', 'pg_create_physical_replication_slot', 'pg_create_logical_replication_slot', 'pg_drop_replication_slot', 'pg_replication_origin_create', 'pg_import_system_collations', 'pg_stat_reset', 'pg_stat_reset_shared'], 'destructive', ADMIN),
  ...each(['pg_advisory_lock', 'pg_advisory_lock_shared', 'pg_try_advisory_lock', 'pg_try_advisory_lock_shared', 'pg_advisory_unlock', 'pg_advisory_unlock_all', 'pg_advisory_unlock_shared'], 'write', LOCKS),
  ...each(['nextval', 'setval'], 'write', 'it advances a sequence'),
  ...each(['set_config'], 'write', 'it changes a setting'),
  ...each(['pg_notify'], 'write', 'it sends a notification'),
  ...each(['query_to_xml', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'table_to_xml'], 'write', 'it runs SQL given as a string, which mcpctl cannot check'),
};

const MYSQL: Record<string, DeniedFunction> = {
  ...each(['load_file', 'sys_exec', 'sys_eval', 'lib_mysqludf_sys_info'], 'destructive', FILES),
  ...each(['get_lock', 'release_lock', 'release_all_locks'], 'write', LOCKS),
  ...each(['nextval', 'setval', 'lastval'], 'write', 'it advances a sequence'),
  ...each(['master_pos_wait', 'source_pos_wait', 'master_gtid_wait'], 'destructive', ADMIN),
};

const SQLITE: Record<string, DeniedFunction> = {
  ...each(['load_extension'], 'destructive', 'it loads native code into the database process'),
  ...each(['readfile', 'writefile', 'edit', 'fts3_tokenizer'], 'destructive', FILES),
};

function each(names: string[], needs: AccessTier, reason: string): Record<string, DeniedFunction> {
  return Object.fromEntries(names.map((name) => [name, { needs, reason }]));
}

const TABLES: Record<Dialect, Record<string, DeniedFunction>> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };

export function deniedFunction(name: string, dialect: Dialect): DeniedFunction | undefined {
  const key = name.toLowerCase();
  const table = TABLES[dialect];
  const exact = Object.hasOwn(table, key) ? table[key] : undefined;
  if (exact) return exact;
  if (dialect === 'postgres') {
    if (key.startsWith('dblink')) return { needs: 'destructive', reason: REMOTE };
    if (key.startsWith('lo_') || key === 'lowrite' || key === 'loread') return { needs: 'destructive', reason: 'it works on large objects, which can import and export server files' };
  }
  return undefined;
}
