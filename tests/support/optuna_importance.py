#!/usr/bin/python3
"""Optuna's own parameter importance of a study exported by `tunewright-cli export --optuna-journal`.

Usage: optuna_importance.py JOURNAL STUDY_NAME [fanova|mdi] [SEED]
Prints one JSON object: {"importances": [[param, importance], ...] (highest first),
"cpu_seconds": the evaluator's CPU time, "trials": complete trials}.
Exit 3 when optuna or sklearn cannot be imported (the caller skips then).
"""
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")
try:
    import optuna
    import sklearn  # noqa: F401  (FanovaImportanceEvaluator needs it)
    from optuna.storages import JournalFileStorage, JournalStorage
except ImportError as e:
    print(f"cannot import: {e}", file=sys.stderr)
    sys.exit(3)

journal, name = sys.argv[1], sys.argv[2]
kind = sys.argv[3] if len(sys.argv) > 3 else "fanova"
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
optuna.logging.set_verbosity(optuna.logging.ERROR)
study = optuna.load_study(study_name=name, storage=JournalStorage(JournalFileStorage(journal)))
if kind == "fanova":
    evaluator = optuna.importance.FanovaImportanceEvaluator(seed=seed)
else:
    evaluator = optuna.importance.MeanDecreaseImpurityImportanceEvaluator(seed=seed)
start = time.process_time()
importances = optuna.importance.get_param_importances(study, evaluator=evaluator)
cpu = time.process_time() - start
complete = len(study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)))
print(json.dumps({"importances": [[k, v] for k, v in importances.items()],
                  "cpu_seconds": cpu, "trials": complete}))
