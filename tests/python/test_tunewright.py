"""Tests of python/tunewright (Python's unittest; ctest runs them as `python_tunewright`).

Each case runs a small script in a child process with the environment a trial gets (or
none of it), so the module is tested as scripts use it: from a clone, with PYTHONPATH.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "python"))
TW_VARS = ("TW_PARAMS", "TW_TRIAL_ID", "TW_STUDY", "TW_TRIAL_DIR", "TW_PRUNE_FILE")


def run(code, env=None, cwd=None, timeout=60):
    """Runs `code` with the module on the path; env: the TW_* variables to set."""
    full = {k: v for k, v in os.environ.items() if k not in TW_VARS}
    full["PYTHONPATH"] = PYTHON_DIR
    full.update(env or {})
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=full, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


class OutsideAStudy(unittest.TestCase):
    def test_defaults_and_plain_printing(self):
        with tempfile.TemporaryDirectory() as d:
            r = run("""
                import tunewright as tw
                print(tw.in_study(), tw.params(), tw.params({"lr": 0.1}), tw.param("lr", 0.5),
                      tw.param("x"), tw.trial_number(), tw.study_name(), tw.prune_file(),
                      tw.should_prune())
                tw.report(1, 0.25, loss=2)
                tw.result(0.125, accuracy=0.75)
                rep = tw.Reporter()
                rep.on_epoch_end(2, 0.5)
                print(tw.trial_dir())
                """, cwd=d)
            self.assertEqual(r.returncode, 0, r.stderr)
            lines = r.stdout.splitlines()
            self.assertEqual(lines[0], "False {} {'lr': 0.1} 0.5 None None None None False")
            self.assertEqual(lines[1], "step 1: value 0.25, loss 2.0")
            self.assertEqual(lines[2], "result: value 0.125, accuracy 0.75")
            self.assertEqual(lines[3], "step 2: value 0.5")
            self.assertEqual(os.path.realpath(lines[4]),
                             os.path.realpath(os.path.join(d, "tw-trials", "standalone")))
            self.assertTrue(os.path.isdir(lines[4]))


class InAStudy(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.trial = os.path.join(self.dir.name, "tw-trials", "s", "trial-3")
        self.marker = os.path.join(self.trial, ".tw-prune")
        self.env = {"TW_PARAMS": json.dumps({"training.lr": 0.01, "layers": [64, 32], "opt": "adam"}),
                    "TW_TRIAL_ID": "3", "TW_STUDY": "s", "TW_TRIAL_DIR": self.trial,
                    "TW_PRUNE_FILE": self.marker}

    def tearDown(self):
        self.dir.cleanup()

    def test_params(self):
        r = run("""
            import tunewright as tw
            print(tw.in_study(), tw.param("training.lr", 1.0), tw.param("layers"),
                  tw.param("missing", 7), tw.params({"epochs": 5, "opt": "sgd"}),
                  tw.trial_number(), tw.study_name())
            """, self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(),
                         "True 0.01 [64, 32] 7 {'epochs': 5, 'opt': 'adam', 'training.lr': 0.01, "
                         "'layers': [64, 32]} 3 s")

    def test_bad_params_say_what_is_wrong(self):
        env = dict(self.env, TW_PARAMS="[1, 2]")
        r = run("import tunewright as tw; tw.params()", env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("TW_PARAMS is not a JSON object", r.stderr)
        env = dict(self.env, TW_PARAMS="{oops")
        r = run("import tunewright as tw; tw.param('x')", env)
        self.assertIn("TW_PARAMS is not JSON", r.stderr)

    def test_the_exact_protocol_lines(self):
        r = run("""
            import tunewright as tw
            tw.report(1, 0.5)
            tw.report(2.0, 0.25, train_loss=0.75, val_acc=1)
            tw.report(3, float("nan"))
            tw.report(4, float("inf"), gap=float("-inf"))
            tw.result(0.125)
            tw.result(-float("inf"), accuracy=0.5)
            """, self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [
            '{"step": 1, "value": 0.5}',
            '{"step": 2, "value": 0.25, "metrics": {"train_loss": 0.75, "val_acc": 1.0}}',
            '{"step": 3, "value": NaN}',
            '{"step": 4, "value": Infinity, "metrics": {"gap": -Infinity}}',
            '{"value": 0.125}',
            '{"value": -Infinity, "metrics": {"accuracy": 0.5}}',
        ])

    def test_a_value_that_is_no_number_is_refused(self):
        r = run("import tunewright as tw; tw.report(1, 'high')", self.env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("value must be a number, got 'high'", r.stderr)
        r = run("import tunewright as tw; tw.result(1, loss=None)", self.env)
        self.assertIn("metric 'loss' must be a number, got None", r.stderr)

    def test_trial_dir_is_the_engines(self):
        r = run("import tunewright as tw; print(tw.trial_dir())", self.env)
        self.assertEqual(r.stdout.strip(), self.trial)
        self.assertTrue(os.path.isdir(self.trial))

    def test_reporter_raises_pruned_once_the_marker_exists(self):
        os.makedirs(self.trial)
        r = run("""
            import os, tunewright as tw
            rep = tw.Reporter()
            rep.on_epoch_end(1, 0.5)
            print("should_prune", tw.should_prune(), rep.should_prune())
            with open(os.environ["TW_PRUNE_FILE"], "w") as f:
                f.write("not json: the step is then the last one reported")
            try:
                rep.on_epoch_end(2, 0.4)
            except tw.Pruned as p:
                print("pruned", p.step, isinstance(p, SystemExit), isinstance(p, Exception), p.code, p)
            rep.on_epoch_end(3, 0.3)   # uncaught: ends the script quietly with status 0
            print("not reached")
            """, self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [
            '{"step": 1, "value": 0.5}',
            "should_prune False False",
            "pruned 1 True False 0 pruned at step 1",
        ])
        self.assertEqual(r.stderr, "")

    def test_sigterm_with_the_marker_is_pruned(self):
        os.makedirs(self.trial)
        script = """
            import os, sys, time, tunewright as tw
            rep = tw.Reporter()
            try:
                rep.on_epoch_end(1, 0.5)
                time.sleep(60)
            except tw.Pruned as p:
                print("checkpoint at", p.step, flush=True)
                raise
            """
        for with_marker in (True, False):
            if os.path.exists(self.marker):
                os.remove(self.marker)
            full = {k: v for k, v in os.environ.items() if k not in TW_VARS}
            full.update(self.env, PYTHONPATH=PYTHON_DIR)
            with subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], env=full,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as p:
                self.assertEqual(p.stdout.readline().strip(), '{"step": 1, "value": 0.5}')
                if with_marker:  # as the engine does when it prunes: the marker, then SIGTERM
                    with open(self.marker, "w") as f:
                        f.write('{"step": 1, "value": 0.5}\n')
                p.send_signal(signal.SIGTERM)
                out, err = p.communicate(timeout=60)
            if with_marker:
                self.assertEqual(p.returncode, 0, err)
                self.assertEqual(out.strip(), "checkpoint at 1")
            else:  # no marker: the study stopped it; it ends as without the Reporter
                self.assertEqual(p.returncode, -signal.SIGTERM, err)
                self.assertEqual(out.strip(), "")

    def test_catch_sigterm_false_and_close_leave_sigterm_alone(self):
        r = run("""
            import signal, tunewright as tw
            before = signal.getsignal(signal.SIGTERM)
            a = tw.Reporter(catch_sigterm=False)
            print(signal.getsignal(signal.SIGTERM) is before)
            with tw.Reporter() as b:
                print(signal.getsignal(signal.SIGTERM) is before)
            print(signal.getsignal(signal.SIGTERM) is before)
            """, self.env)
        self.assertEqual(r.stdout.split(), ["True", "False", "True"])


if __name__ == "__main__":
    unittest.main()
