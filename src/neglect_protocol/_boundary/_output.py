"""Writing files safely: all or nothing, never through a link, never over a file unasked.

The one writer of the library's output files (the assurance report, the JSON
Schemas): every destination is checked before anything is written, and each file
is written in full to a new temporary file beside it and moved into place.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from neglect_protocol.errors import OutputExistsError


def _check_destination(path: Path, *, force: bool) -> None:
    """Refuse to write to ``path`` if something is there that may not be replaced."""
    try:
        status = path.lstat()  # lstat: a symbolic link is looked at, never followed.
    except FileNotFoundError:
        return
    if stat.S_ISLNK(status.st_mode):
        problem = "is a symbolic link, which is never written through"
        raise OutputExistsError(path, problem, replaceable=False)
    if not stat.S_ISREG(status.st_mode):
        raise OutputExistsError(path, "is not a regular file", replaceable=False)
    if not force:
        raise OutputExistsError(path, "already exists", replaceable=True)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new file of its own in ``folder``, and return its descriptor and path.

    The file is created with ``O_EXCL`` (and ``O_NOFOLLOW`` where the system has it),
    so it is always a new file: never an existing one, never a link's target.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    path = folder / f".{name}.{secrets.token_hex(8)}.tmp"
    return os.open(path, flags | getattr(os, "O_BINARY", 0), 0o666), path


def write_files(
    directory: str | os.PathLike[str], contents: Mapping[str, bytes], *, force: bool = False
) -> tuple[Path, ...]:
    """Write each of ``contents`` (by plain file name) into ``directory``, all or none.

    The directory is created if it does not exist. Every destination is checked
    before anything is written: an existing file is replaced only with
    ``force=True``, and a symbolic link (or anything else that is not a regular
    file) is never replaced or written through. Each file is first written in full
    to a new temporary file beside it and then moved into place with
    ``os.replace``, so a reader never sees half a file.

    Args:
        directory: Where to write.
        contents: The bytes of each file, by its name (checked by the caller to be a
            plain file name).
        force: Whether to replace existing files of those names.

    Returns:
        The paths written, in the order of ``contents``.

    Raises:
        OutputExistsError: If a destination is a symbolic link or not a regular
            file, or exists and ``force`` is false; nothing is written.
        OSError: If the directory cannot be created or a file cannot be written.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    destinations = tuple(folder / name for name in contents)
    for destination in destinations:
        _check_destination(destination, force=force)
    written: list[Path] = []
    try:
        for name, content in contents.items():
            descriptor, temporary = _create_temporary(folder, name)
            written.append(temporary)
            with open(descriptor, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
        # Renaming replaces whatever name is at the destination (a link included),
        # and never writes through it.
        for temporary, destination in zip(written, destinations, strict=True):
            os.replace(temporary, destination)
    finally:
        for temporary in written:
            temporary.unlink(missing_ok=True)
    return destinations
