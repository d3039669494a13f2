-- How tests/data/storage/schema_v1.twx was made: an experiment file in the first released
-- layout (schema 1: no app_version/build_flags/threads on studies, no heartbeat or change
-- version on trials, no counters, trial_logs or artifacts tables), as Tunewright 0.1 wrote
-- it. Regenerate with:  rm -f schema_v1.twx && sqlite3 schema_v1.twx < schema_v1.sql
-- Times are nanoseconds since the Unix epoch; 1900000000 s is 2030-03-17T17:46:40Z.
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE studies (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL, spec_json TEXT NOT NULL, metric TEXT NOT NULL, created BIGINT NOT NULL);
CREATE TABLE study_attrs (study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (study_id, kind, key));
CREATE TABLE trials (id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE CASCADE, number INTEGER NOT NULL,
  state TEXT NOT NULL, value DOUBLE PRECISION, value_type TEXT, started BIGINT, finished BIGINT,
  reason TEXT NOT NULL DEFAULT '', UNIQUE (study_id, number));
CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name TEXT NOT NULL, internal DOUBLE PRECISION NOT NULL, distribution TEXT NOT NULL,
  PRIMARY KEY (trial_id, name));
CREATE TABLE trial_values (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  step BIGINT NOT NULL, value DOUBLE PRECISION, value_type TEXT NOT NULL, PRIMARY KEY (trial_id, step));
CREATE TABLE trial_attrs (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (trial_id, kind, key));
INSERT INTO schema_version VALUES (1);

INSERT INTO studies VALUES (1, 'iris-mlp', 'maximize',
  '{"metric":"val_accuracy","name":"iris-mlp","version":1}', 'val_accuracy', 1900000000000000000);
INSERT INTO studies VALUES (2, 'branin', 'minimize',
  '{"name":"branin","objective":{"name":"branin","type":"function"},"version":1}', 'value',
  1900000100000000000);
INSERT INTO study_attrs VALUES (1, 'user', 'note', '"baseline sweep"');
INSERT INTO study_attrs VALUES (1, 'system', 'sampler', '{"type":"gp"}');

-- iris-mlp: complete, pruned, failed, running, waiting
INSERT INTO trials VALUES (1, 1, 0, 'complete', 0.9666666666666667, 'finite',
  1900000001000000000, 1900000003500000000, '');
INSERT INTO trials VALUES (2, 1, 1, 'pruned', NULL, NULL,
  1900000004000000000, 1900000005000000000, 'pruned at step 2');
INSERT INTO trials VALUES (3, 1, 2, 'failed', NULL, NULL,
  1900000006000000000, 1900000006250000000, 'loss became NaN at epoch 3');
INSERT INTO trials VALUES (4, 1, 3, 'running', NULL, NULL, 1900000007000000000, NULL, '');
INSERT INTO trials VALUES (5, 1, 4, 'waiting', NULL, NULL, NULL, NULL, '');
-- branin: two complete trials, one with an infinite value
INSERT INTO trials VALUES (6, 2, 0, 'complete', 17.508299515778166, 'finite',
  1900000101000000000, 1900000101001000000, '');
INSERT INTO trials VALUES (7, 2, 1, 'complete', NULL, 'inf',
  1900000102000000000, 1900000102001000000, '');

INSERT INTO trial_params VALUES (1, 'training.learning_rate', 0.0031622776601683794,
  '{"high":0.1,"kind":"float","log":true,"low":0.0001,"step":0}');
INSERT INTO trial_params VALUES (1, 'training.batch_size', 64,
  '{"high":128,"kind":"int","log":false,"low":16,"step":16}');
INSERT INTO trial_params VALUES (1, 'model.hidden', 1,
  '{"choices":["[32]","[64,64]","[128,64]"],"kind":"categorical"}');
INSERT INTO trial_params VALUES (2, 'training.learning_rate', 0.05,
  '{"high":0.1,"kind":"float","log":true,"low":0.0001,"step":0}');
INSERT INTO trial_params VALUES (2, 'model.hidden', 0,
  '{"choices":["[32]","[64,64]","[128,64]"],"kind":"categorical"}');
INSERT INTO trial_params VALUES (6, 'x0', 3.14159, '{"high":10,"kind":"float","log":false,"low":-5,"step":0}');
INSERT INTO trial_params VALUES (6, 'x1', 2.275, '{"high":15,"kind":"float","log":false,"low":0,"step":0}');

INSERT INTO trial_values VALUES (1, 0, 0.7, 'finite');
INSERT INTO trial_values VALUES (1, 1, 0.9, 'finite');
INSERT INTO trial_values VALUES (1, 2, 0.9666666666666667, 'finite');
INSERT INTO trial_values VALUES (2, 0, 0.3, 'finite');
INSERT INTO trial_values VALUES (2, 1, NULL, 'nan');
INSERT INTO trial_values VALUES (2, 2, NULL, '-inf');
INSERT INTO trial_values VALUES (4, 0, NULL, 'inf');

INSERT INTO trial_attrs VALUES (1, 'user', 'note', '"best so far"');
INSERT INTO trial_attrs VALUES (1, 'system', 'fold_values', '[0.95,0.98]');
INSERT INTO trial_attrs VALUES (3, 'system', 'retried', 'true');
COMMIT;
