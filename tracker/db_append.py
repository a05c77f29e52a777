"""The PostgreSQL side of an append: one server-side function, one round trip.

``tracker_append`` takes the append lock, checks the idempotency key and each stream's
expected version, assigns positions and versions, stamps the commit clock and inserts,
all in one statement from the client. Each statement inside a PL/pgSQL function takes a
fresh snapshot under READ COMMITTED, so everything after the lock sees the appends that
committed before it (the gap-safety argument in :mod:`tracker.eventstore`).

``p_events`` is a JSON array of events, each naming its stream by index into
``p_streams`` and carrying ``nth`` (its place among that stream's new events) and
``ord`` (its place in the whole append), so the insert reads it with one
``jsonb_to_recordset`` and needs no window function.

It answers ``{"status": "ok", "head": <position before the first new event>,
"recorded_at": ..., "versions": [<each stream's version before the append>]}``,
``{"status": "duplicate"}`` or ``{"status": "conflict", "stream": <index>, "actual": <version>}``.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

INSTALL = r"""
CREATE OR REPLACE FUNCTION tracker_append(
    p_lock_key bigint, p_idempotency_key text, p_streams jsonb, p_events jsonb, p_append_id uuid
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    v_stream jsonb;
    v_index integer := 0;
    v_version integer;
    v_versions integer[] := '{}';
    v_head bigint;
    v_last timestamptz;
    v_now timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock_key);
    IF p_idempotency_key IS NOT NULL THEN
        PERFORM 1 FROM tracker_event WHERE idempotency_key = p_idempotency_key;
        IF FOUND THEN
            RETURN jsonb_build_object('status', 'duplicate');
        END IF;
    END IF;
    FOR v_stream IN SELECT value FROM jsonb_array_elements(p_streams) LOOP
        SELECT "version" INTO v_version FROM tracker_event
         WHERE stream_type = v_stream->>'type' AND stream_id = v_stream->>'id'
         ORDER BY "version" DESC LIMIT 1;
        v_version := COALESCE(v_version, 0);
        IF jsonb_typeof(v_stream->'expected') = 'number'
           AND (v_stream->>'expected')::integer <> v_version THEN
            RETURN jsonb_build_object('status', 'conflict', 'stream', v_index, 'actual', v_version);
        END IF;
        v_versions := v_versions || v_version;
        v_index := v_index + 1;
    END LOOP;
    SELECT "position", recorded_at INTO v_head, v_last FROM tracker_event ORDER BY "position" DESC LIMIT 1;
    v_head := COALESCE(v_head, 0);
    v_now := clock_timestamp();
    IF v_last IS NOT NULL AND v_last > v_now THEN
        v_now := v_last;
    END IF;
    INSERT INTO tracker_event (
        id, stream_type, stream_id, "version", "position", "type", schema_version, "data",
        valid_from, valid_to, valid_precision, recorded_at, "source", confidence, metadata,
        idempotency_key, append_id
    )
    SELECT e.id,
           p_streams->e.stream->>'type',
           p_streams->e.stream->>'id',
           v_versions[e.stream + 1] + e.nth,
           v_head + e.ord,
           e.type, e.schema_version, e.data, e.valid_from, e.valid_to, e.valid_precision,
           v_now,
           e.source, e.confidence, e.metadata,
           CASE WHEN e.ord = 1 THEN p_idempotency_key END,
           p_append_id
      FROM jsonb_to_recordset(p_events) AS e(
           id uuid, stream integer, nth integer, ord integer, type text, schema_version smallint,
           data jsonb, valid_from timestamptz, valid_to timestamptz, valid_precision text,
           source jsonb, confidence double precision, metadata jsonb
      );
    RETURN jsonb_build_object(
        'status', 'ok', 'head', v_head, 'recorded_at', v_now, 'versions', to_jsonb(v_versions)
    );
END;
$$
"""

REMOVE = "DROP FUNCTION IF EXISTS tracker_append(bigint, text, jsonb, jsonb, uuid)"


def install_append_function(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(INSTALL)


def remove_append_function(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(REMOVE)
