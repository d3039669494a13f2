#!/usr/bin/python3
"""A trial of tst_pythonhelperstudy, written with python/tunewright.

value(x, step) = (x - 0.3)**2 + 0.5 / step for steps 1..6, reported with a Reporter; the
result is value(x, 6). x >= 0.95 reports NaN as its result (the trial fails); x == 0
reports no steps and Infinity as its result (the trial completes with inf)."""
import tunewright as tw

x = tw.param("x", 0.5)
if x == 0:
    tw.result(float("inf"))
elif x >= 0.95:
    tw.result(float("nan"))
else:
    reporter = tw.Reporter()
    for step in range(1, 7):
        reporter.on_epoch_end(step, (x - 0.3) ** 2 + 0.5 / step, x=x)
    tw.result((x - 0.3) ** 2 + 0.5 / 6, x=x)
