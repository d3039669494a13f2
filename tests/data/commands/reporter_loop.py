#!/usr/bin/python3
"""Reports one epoch every 50 ms with tunewright.Reporter until it is pruned (it never ends
by itself within a test's time), then saves a "checkpoint" in its trial folder and exits.
argv[1]: "marker" (catch_sigterm=False: only the prune marker can stop it cleanly) or
"sigterm" (the Reporter's SIGTERM handler)."""
import os
import sys
import time

import tunewright as tw

mode = sys.argv[1]
reporter = tw.Reporter(catch_sigterm=(mode == "sigterm"))
epoch = 0
try:
    while epoch < 2400:
        epoch += 1
        reporter.on_epoch_end(epoch, 1.0 / epoch, train_loss=2.0 / epoch)
        time.sleep(0.05)
except tw.Pruned as p:
    with open(os.path.join(tw.trial_dir(), "checkpoint.txt"), "w") as f:
        f.write("%s %s %s\n" % (mode, p.step, os.path.exists(tw.prune_file())))
    raise
tw.result(1.0 / epoch)
