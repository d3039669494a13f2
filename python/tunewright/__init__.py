"""Tunewright's helper for scripts run by a study's ``command`` objective.

Standard library only. Inside a trial (the environment has ``TW_PARAMS``) the functions
speak the protocol of Tunewright's docs/study-spec.md on stdout; outside a study they fall
back to the defaults given and print plain text, so the same script also runs alone::

    import tunewright as tw

    lr = tw.param("lr", 1e-3)
    reporter = tw.Reporter()
    for epoch in range(1, epochs + 1):
        loss = train_one_epoch(lr)
        reporter.on_epoch_end(epoch, loss)    # raises tw.Pruned when the study prunes
    tw.result(loss)

Lines printed in a study (one JSON object each, flushed at once; NaN, inf and -inf as
Python's json.dumps writes them: NaN, Infinity, -Infinity)::

    {"step": 3, "value": 0.52}
    {"step": 3, "value": 0.52, "metrics": {"train_loss": 0.31}}
    {"value": 0.41}
    {"value": 0.41, "metrics": {"accuracy": 0.88}}
"""

import json
import math
import os
import signal
import sys
import threading

__all__ = [
    "Pruned", "Reporter", "in_study", "param", "params", "prune_file", "report", "result",
    "should_prune", "study_name", "trial_dir", "trial_number",
]

__version__ = "0.1.0"


class Pruned(SystemExit):
    """Raised by Reporter when the study has decided to prune this trial.

    It is a SystemExit (exit status 0), so a script that does not catch it ends quietly
    without a traceback, and ``except Exception`` in a training loop does not swallow
    it. Catch it to save a checkpoint first::

        try:
            ...
        except tunewright.Pruned:
            torch.save(model.state_dict(), os.path.join(tunewright.trial_dir(), "last.pt"))
            raise
    """

    def __init__(self, step=None):
        super().__init__(0)
        self.step = step  # the step whose report the study pruned

    def __str__(self):
        return "pruned" if self.step is None else "pruned at step %s" % self.step


def in_study():
    """Whether this process runs as a trial of a study (TW_PARAMS is set)."""
    return "TW_PARAMS" in os.environ


_params_cache = None


def params(defaults=None):
    """The trial's parameters, name -> value (a new dict on each call).

    In a study: the JSON object of TW_PARAMS, on top of ``defaults`` (so a parameter the
    study does not tune keeps its default). Outside a study: a copy of ``defaults`` ({}).
    """
    global _params_cache
    out = dict(defaults or {})
    if in_study():
        if _params_cache is None:
            try:
                parsed = json.loads(os.environ["TW_PARAMS"])
            except ValueError as e:
                raise ValueError("tunewright: TW_PARAMS is not JSON: %s" % e) from None
            if not isinstance(parsed, dict):
                raise ValueError("tunewright: TW_PARAMS is not a JSON object")
            _params_cache = parsed
        out.update(_params_cache)
    return out


def param(name, default=None):
    """One parameter of the trial by its name in the search space, e.g.
    ``param("training.lr", 1e-3)``; ``default`` when the study does not set it (outside a
    study, or a conditional parameter that is not active in this trial)."""
    return params().get(name, default)


def trial_number():
    """The trial's number in the study (TW_TRIAL_ID), or None outside a study."""
    v = os.environ.get("TW_TRIAL_ID")
    return int(v) if v not in (None, "") else None


def study_name():
    """The study's name (TW_STUDY), or None outside a study."""
    return os.environ.get("TW_STUDY") or None


def trial_dir():
    """A folder for this trial's files (checkpoints, artifacts), created if needed.

    In a study it is TW_TRIAL_DIR, WORKDIR/tw-trials/STUDY/trial-NUMBER: the study never
    deletes what a script writes there, and removes the folder only if the trial leaves
    it empty. Outside a study (or when the engine could not create it) it is
    ./tw-trials/standalone in the current folder.
    """
    path = os.environ.get("TW_TRIAL_DIR") or os.path.join(os.getcwd(), "tw-trials", "standalone")
    os.makedirs(path, exist_ok=True)
    return path


def prune_file():
    """The prune marker's path (TW_PRUNE_FILE), or None outside a study."""
    return os.environ.get("TW_PRUNE_FILE") or None


def should_prune():
    """Whether the study has decided to prune this trial: the engine writes the prune
    marker before it stops the process. Always False outside a study."""
    path = prune_file()
    return bool(path) and os.path.exists(path)


def _pruned_step(fallback):
    """The step whose report the study pruned, as the marker says ({"step": 3, ...})."""
    try:
        with open(prune_file()) as f:
            step = json.load(f).get("step")
        return int(step) if step is not None else fallback
    except (OSError, ValueError, TypeError, AttributeError):
        return fallback


def _number(value, what):
    try:
        return float(value)  # also a 1-element tensor or a numpy scalar
    except (TypeError, ValueError):
        raise TypeError("tunewright: %s must be a number, got %r" % (what, value)) from None


def _metrics(metrics):
    return {str(k): _number(v, "metric %r" % k) for k, v in metrics.items()}


def _plain(v):
    return repr(v) if isinstance(v, float) else str(v)


def _emit(obj, plain):
    if in_study():
        line = json.dumps(obj, allow_nan=True)
    else:
        line = plain
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def report(step, value, **metrics):
    """An intermediate value of the study's metric at ``step`` (an epoch, an iteration):
    ``{"step": 3, "value": 0.52}``, with ``"metrics": {...}`` when metrics are given.
    The study's pruner judges the trial on these. Outside a study: ``step 3: value 0.52``.
    """
    step = int(step)
    value = _number(value, "value")
    m = _metrics(metrics)
    obj = {"step": step, "value": value}
    if m:
        obj["metrics"] = m
    extra = "".join(", %s %s" % (k, _plain(v)) for k, v in m.items())
    _emit(obj, "step %d: value %s%s" % (step, _plain(value), extra))


def result(value, **metrics):
    """The trial's final value: ``{"value": 0.41}`` (the last one printed wins), with
    ``"metrics": {...}`` when metrics are given (stored with the trial). NaN fails the
    trial ("the objective returned NaN"); inf and -inf complete it with that value.
    Outside a study: ``result: value 0.41``."""
    value = _number(value, "value")
    m = _metrics(metrics)
    obj = {"value": value}
    if m:
        obj["metrics"] = m
    extra = "".join(", %s %s" % (k, _plain(v)) for k, v in m.items())
    _emit(obj, "result: value %s%s" % (_plain(value), extra))


class Reporter:
    """A training-loop callback: ``on_epoch_end(epoch, value, **metrics)`` reports the
    epoch's value and raises Pruned when the study has decided to prune the trial.

    How a script learns it is pruned: the engine writes the prune marker (TW_PRUNE_FILE)
    when its pruner decides, then waits ``prune_grace_s`` seconds (the command
    objective's key, 0 by default) for the script to exit, then sends SIGTERM to the
    trial's processes and SIGKILL 5 s later. on_epoch_end checks the marker before and
    after each report (the study decides while the script goes on, so a decision on one
    epoch's report is mostly seen at the next epoch's end, before its report); and,
    created in the main thread of a trial, a Reporter turns that SIGTERM into Pruned as
    well (``catch_sigterm=False`` leaves SIGTERM alone), so a ``finally`` or an
    ``except tunewright.Pruned`` block still gets those 5 s to save a checkpoint. A SIGTERM
    without the marker (the study was stopped, or the trial timed out) ends the process
    as it would without the Reporter.
    """

    def __init__(self, catch_sigterm=True):
        self.last_step = None
        self._previous = None
        self._raised = False
        if catch_sigterm and in_study() and prune_file() and \
                threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGTERM, self._on_sigterm)

    def _on_sigterm(self, signum, frame):
        if self._raised:
            return  # already stopping: let the except/finally blocks finish
        if should_prune():
            self._prune()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)

    def _prune(self):
        self._raised = True
        if self._previous is not None:
            # The engine's SIGTERM follows its marker: when the marker was seen first, that
            # signal may come while the except/finally blocks run or while Python shuts
            # down, which puts back the default action of a handler written in Python (and
            # the process would end by the signal, not with status 0). Ignored, it cannot;
            # the engine's SIGKILL still ends a script that does not stop.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Pruned(_pruned_step(self.last_step))

    def on_epoch_end(self, epoch, value, **metrics):
        # The study decides on a report while the script goes on, so the marker of an
        # earlier report is seen here first: then this epoch is not reported.
        self._check()
        report(epoch, value, **metrics)
        self.last_step = int(epoch)
        self._check()

    def _check(self):
        if should_prune():
            self._prune()

    def should_prune(self):
        return should_prune()

    def close(self):
        """Puts back the SIGTERM handler that was there before; once pruned, SIGTERM
        stays ignored, as the process is on its way out."""
        if self._previous is not None:
            if not self._raised:
                signal.signal(signal.SIGTERM, self._previous)
            self._previous = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
