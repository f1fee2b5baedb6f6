"""The builder's list of steps: every step module once, each with the one signature."""

import inspect
import pkgutil

from guongsang.demo import builder, steps
from guongsang.demo.context import DemoContext


def test_every_step_module_is_listed_once():
    modules = {module.name for module in pkgutil.iter_modules(steps.__path__)}
    listed = [step.__module__.rsplit(".", 1)[1] for step in builder.STEPS]
    assert sorted(listed) == sorted(modules)
    assert len(set(listed)) == len(listed)


def test_every_step_takes_the_context_and_returns_nothing():
    for step in builder.STEPS:
        signature = inspect.signature(step, eval_str=True)
        assert step.__name__ == "step"
        assert [p.annotation for p in signature.parameters.values()] == [DemoContext]
        assert signature.return_annotation is None
