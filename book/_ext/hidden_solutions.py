"""Sphinx extension: `hide_solutions: true` hides the multi-cell solutions too (the student edition).

sphinx-exercise 1.2.1 drops a `{solution}` when `hide_solutions` is on, but its `{solution-start}` then
returns nothing while `{solution-end}` still marks the end, so the markdown and code cells between them stay
on the page. Here, with `hide_solutions` on, `{solution-start}` leaves a marker; sphinx-exercise's own
transform merges the marker and everything up to `{solution-end}` into one solution node, and the transform
below removes that node. With `hide_solutions` off nothing changes.
"""
from sphinx.transforms import SphinxTransform
from sphinx_exercise.directive import SolutionStartDirective
from sphinx_exercise.nodes import solution_node, solution_start_node
from sphinx_exercise.transforms import MergeGatedSolutions


class HideableSolutionStart(SolutionStartDirective):
    def run(self):
        nodes = super().run()  # registers the start for sphinx-exercise's structure check
        if not self.config.hide_solutions:
            return nodes
        marker = solution_start_node()
        marker["label"] = self.arguments[0]
        marker["classes"] = ["solution-start"]
        return [marker]


class RemoveHiddenSolutions(SphinxTransform):
    default_priority = MergeGatedSolutions.default_priority + 1

    def apply(self):
        if not self.config.hide_solutions:
            return
        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.add_directive("solution-start", HideableSolutionStart, override=True)
    app.add_transform(RemoveHiddenSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
