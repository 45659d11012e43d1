"""Metadata is in setup.cfg; this adds djscratch-fallback.pth to the install
(setuptools has no setting for a .pth file): see djscratch_fallback.py."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "djscratch-fallback.pth"


class build_py_with_pth(build_py):
    """Copy the .pth next to the modules, so it lands in site-packages."""

    def run(self):
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        self.copy_file(os.path.join(here, PTH), os.path.join(self.build_lib, PTH))

    def get_outputs(self, include_bytecode=True):
        return [*super().get_outputs(include_bytecode),
                os.path.join(self.build_lib, PTH)]


setup(cmdclass={"build_py": build_py_with_pth})
