-- infoprob SQL sample: score events from Kafka -> class probabilities and per-key surprisal
-- of the top class, back to Kafka. Run it with org.infoprob.jobs.sql.SqlJob, which registers
-- the infoprob functions and fills in the placeholders below from --name value flags.
--
--   in   {"key":"sensor-7","ts":1732752000000,"scores":{"cat":2.0,"dog":1.0,"bird":-0.5}}
--   out  {"key":"sensor-7","ts":1732752000000,"probabilities":{"cat":0.69,...},"top":"cat",
--         "topProbability":0.69,"entropy":0.77}
--   out  {"key":"sensor-7","ts":1732752000000,"class":"cat","surprisal":0.41,"rarity":0.33}
--
-- `key` defaults to the Kafka record key, the event time to the Kafka record timestamp.

SET 'execution.checkpointing.interval' = '${checkpoint-interval:10 s}';

CREATE TABLE scores (
  record_key STRING,
  `key` STRING,
  ts BIGINT,
  scores MAP<STRING, DOUBLE>,
  kafka_time TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  event_time AS COALESCE(TO_TIMESTAMP_LTZ(ts, 3), kafka_time),
  WATERMARK FOR event_time AS event_time - INTERVAL '${out-of-orderness-seconds:5}' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${input-topic:scores}',
  'properties.bootstrap.servers' = '${bootstrap-servers:localhost:9092}',
  'properties.group.id' = '${group-id:infoprob-sql}',
  'properties.isolation.level' = 'read_committed',
  -- Without a checkpoint: the group's committed offsets, else the earliest.
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  -- 'latest-offset' stops at the end offsets found on start, so the job finishes.
  'scan.bounded.mode' = '${bounded-mode:unbounded}',
  'key.format' = 'raw',
  'key.fields' = 'record_key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY',
  -- Flink's JSON format skips a record that is not JSON (it has no dead-letter output); a
  -- record with a field of the wrong type gets NULL there.
  'value.json.ignore-parse-errors' = 'true'
);

CREATE TABLE probabilities (
  `key` STRING,
  ts BIGINT,
  probabilities MAP<STRING, DOUBLE>,
  top STRING,
  topProbability DOUBLE,
  entropy DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = '${probabilities-topic:sql-probabilities}',
  'properties.bootstrap.servers' = '${bootstrap-servers:localhost:9092}',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = '${transactional-id-prefix:infoprob-sql}-probabilities',
  -- Below the broker's default transaction.max.timeout.ms (15 min), above checkpoint + recovery.
  'properties.transaction.timeout.ms' = '300000',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'ALL'
);

CREATE TABLE surprisal (
  `key` STRING,
  ts BIGINT,
  `class` STRING,
  surprisal DOUBLE,
  rarity DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = '${surprisal-topic:sql-surprisal}',
  'properties.bootstrap.servers' = '${bootstrap-servers:localhost:9092}',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = '${transactional-id-prefix:infoprob-sql}-surprisal',
  'properties.transaction.timeout.ms' = '300000',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'ALL'
);

-- SOFTMAX and ARGMAX run once per record. Flink inlines view columns into the queries that
-- use them, so a plain `SOFTMAX(scores) AS p` used three times below would be computed three
-- times (and an invalid record counted three times); the columns of a one-element UNNEST are
-- computed once and passed on as values.
CREATE TEMPORARY VIEW scored AS
SELECT COALESCE(`key`, record_key) AS k, ts, event_time, p, top
FROM scores
CROSS JOIN UNNEST(ARRAY[ROW(
    SOFTMAX(scores, ${temperature:1.0}),
    -- softmax is monotone: the top score is the top probability. Ties go to the first map
    -- entry; Flink's JSON format reads the object into a hash map, so for a tie that is not
    -- necessarily the first class of the JSON text (the DataStream jobs keep the text's order).
    ARGMAX(scores))]) AS s(p, top);

-- Invalid scores (empty, NaN, all -Infinity) give NULL probabilities, counted in the metric
-- <operator>.SOFTMAX.deadLetters; the row is still written, with NULLs.
INSERT INTO probabilities
SELECT k, ts, p, top, p[top], ENTROPY(p)
FROM scored;

-- Prequential: each row's top class is scored against the classes before it for its key,
-- then counted. The state per key is O(number of classes); set 'table.exec.state.ttl' to
-- forget idle keys.
-- Late records: the event-time OVER window takes the rows of a key in time order once the
-- watermark has passed them, and drops a row that arrives behind the watermark (more than
-- out-of-orderness-seconds behind the latest event time of its partition): such a record
-- has a probability record above but no surprisal record, and is counted only in Flink's
-- numLateRecordsDropped metric of the OVER operator. The DataStream surprisal job never
-- drops a late event: it scores and counts events in arrival order.
INSERT INTO surprisal
SELECT
  k, ts, top,
  CLASS_SURPRISAL(top) OVER w,
  RARITY(top, ${rarity-temperature:1.0}) OVER w
FROM scored
WINDOW w AS (PARTITION BY k ORDER BY event_time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
