"""File › Import from CSV…: a spreadsheet's or MedTimer's history, previewed and merged (docs/csv-import.md).

The dialog shows the file's first rows with a field chooser above each column, the date order (asked when the
file cannot tell), the time zone, the medications whose names look like the journal's, and the preview: what would be
added, skipped, in conflict and refused. Import writes only when nothing is refused, in one transaction.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from medjournal.domain.csv_mapping import FIELDS, guess_mapping
from medjournal.domain.csv_read import DELIMITER_NAMES
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _, ngettext
from medjournal.storage.csv_plan import ImportPlan, describe, prepare_import
from medjournal.storage.csv_source import (
    ImportOptions,
    LoadedFile,
    read_csv,
    save_mapping,
    saved_mappings,
    zone_named,
)
from medjournal.ui import errors
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.tab_chain import follow_reading_order

PREVIEW_ROWS = 8
ORDERS = (
    (N_("From the file"), None),
    (N_("day/month/year"), "dmy"),
    (N_("month/day/year"), "mdy"),
    (N_("year-month-day"), "ymd"),
)
CSV_FILTER = N_("CSV or MedTimer files (*.csv *.txt *.tsv *.json);;All files (*)")


class CsvImportDialog(QDialog):
    imported = Signal(dict)

    def __init__(self, journal: Any, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.path = path
        self.plan: ImportPlan | None = None
        self.loaded: LoadedFile | None = None
        self.setWindowTitle(_("Import from CSV: {name}").format(name=path.name))
        layout = scrolling_column(self)
        layout.addLayout(self._options_form(journal, path))
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.columns = QWidget()
        self.column_grid = QGridLayout(self.columns)
        self.column_grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.columns)
        self.table = QTableWidget()
        self.table.setAccessibleName(_("The file's first rows"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows go through its cells)
        layout.addWidget(self.table)
        self.same_as = QWidget()
        self.same_as_form = QFormLayout(self.same_as)
        layout.addWidget(self.same_as)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("What the import would do"))
        layout.addWidget(self.preview)
        self.check_button = QPushButton(_("&Check again"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)
        self.check_button.clicked.connect(self.check)
        foot(self).addWidget(self.buttons)
        self.field_boxes: list[QComboBox] = []
        self.column_labels: list[QLabel] = []
        self.medication_boxes: dict[str, QComboBox] = {}
        self.format_box.currentIndexChanged.connect(lambda _: self.load())
        self.saved_box.currentIndexChanged.connect(lambda _: self.use_saved())
        self.order_box.currentIndexChanged.connect(lambda _: self.check())
        self.prefer_file.toggled.connect(lambda _: self.check())
        self.zone_edit.editingFinished.connect(self.check)
        self.resize(900, 640)
        self.load()

    def _options_form(self, journal: Any, path: Path) -> QFormLayout:
        """How to read the file: its format, a saved mapping, the date order, the time zone, conflicts."""
        form = QFormLayout()
        self.format_box = QComboBox()
        self.format_box.addItem(_("A spreadsheet (choose the columns)"), "generic")
        self.format_box.addItem(_("MedTimer (CSV export or JSON backup)"), "medtimer")
        if path.suffix.lower() == ".json":
            self.format_box.setCurrentIndex(1)
        form.addRow(_("&Format:"), self.format_box)
        self.saved_box = QComboBox()
        self.saved_box.addItem(_("(none)"), None)
        for name in sorted(saved_mappings(journal)):
            self.saved_box.addItem(name, name)
        form.addRow(_("Use a &saved mapping:"), self.saved_box)
        self.order_box = QComboBox()
        for label, key in ORDERS:
            self.order_box.addItem(_(label), key)
        form.addRow(_("&Dates are written:"), self.order_box)
        self.zone_edit = QLineEdit()
        self.zone_edit.setPlaceholderText(_("this computer's time zone (or a name such as Europe/Berlin)"))
        form.addRow(_("&Time zone of the file:"), self.zone_edit)
        self.prefer_file = QCheckBox(_("Take the file's version of conflicts"))
        form.addRow("", self.prefer_file)
        self.save_edit = QLineEdit()
        self.save_edit.setPlaceholderText(_("a name, to use these columns again (optional)"))
        form.addRow(_("Save this &mapping as:"), self.save_edit)
        return form

    # -- the file and its columns ----------------------------------------------------------------------------

    def load(self) -> None:
        """Show the file's first rows and a field chooser per column (a spreadsheet only)."""
        for widget in [*self.field_boxes, *self.column_labels]:
            widget.deleteLater()
        self.field_boxes, self.column_labels = [], []
        generic = self.format_box.currentData() == "generic"
        self.columns.setVisible(generic)
        if self.path.suffix.lower() == ".json":
            self.table.setVisible(False)
            self.check()
            return
        try:
            table = read_csv(self.path)
        except MedjournalError as exc:
            self._show_refusal(exc.message)
            return
        names = table.column_names()
        self.table.setVisible(True)
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels(names)
        shown = table.rows[:PREVIEW_ROWS]
        self.table.setRowCount(len(shown))
        for r, (_line, cells) in enumerate(shown):
            for c, cell in enumerate(cells[: len(names)]):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()  # the file's own column names whole, at any font size
        guessed = {index: key for key, index in guess_mapping(table.header).items()}
        for index, name in enumerate(names):
            box = QComboBox()
            box.addItem(_("(not imported)"), None)
            for key, text in FIELDS.items():
                box.addItem(_(text), key)
            if index in guessed:
                box.setCurrentIndex(box.findData(guessed[index]))
            box.setAccessibleName(_("Field of the column {name}").format(name=name))
            box.currentIndexChanged.connect(lambda _: self.check())
            heading = QLabel(name)
            self.column_grid.addWidget(heading, 0, index)
            self.column_labels.append(heading)
            self.column_grid.addWidget(box, 1, index)
            self.field_boxes.append(box)
        # made after the buttons: Tab would reach them last; in reading order they follow the options
        for first, second in itertools.pairwise([self.save_edit, *self.field_boxes, self.table]):
            QWidget.setTabOrder(first, second)
        follow_reading_order(self)  # and the buttons below in the order they are shown
        self.check()

    def use_saved(self) -> None:
        """Set the format, the date order and each column's field from a mapping saved before."""
        name = self.saved_box.currentData()
        saved = saved_mappings(self.journal).get(str(name)) if name is not None else None
        if saved is None:
            return
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(saved.get("format", "generic"))))
        self.order_box.setCurrentIndex(max(0, self.order_box.findData(saved.get("date_order"))))
        items = [self.table.horizontalHeaderItem(i) for i in range(self.table.columnCount())]
        headers = [item.text().casefold() if item is not None else "" for item in items]
        chosen: dict[int, str] = {}
        for part in str(saved.get("map") or "").split(","):
            key, _, column = part.partition("=")
            if column.strip().casefold() in headers:
                chosen[headers.index(column.strip().casefold())] = key.strip()
        for index, box in enumerate(self.field_boxes):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(chosen.get(index))))
            box.blockSignals(False)
        self.check()

    def mapping(self) -> dict[str, int]:
        chosen: dict[str, int] = {}
        for index, box in enumerate(self.field_boxes):
            key = box.currentData()
            if key is not None:
                chosen[str(key)] = index
        return chosen

    def options(self) -> ImportOptions:
        medications = {
            name: ("new" if box.currentData() is None else str(box.currentData()))
            for name, box in self.medication_boxes.items()
            if box.currentIndex() > 0
        }
        return ImportOptions(
            format=str(self.format_box.currentData()),
            mapping=self.mapping() if self.format_box.currentData() == "generic" else None,
            date_order=self.order_box.currentData(),
            zone=zone_named(self.zone_edit.text().strip() or None),
            medications=medications,
            prefer_file=self.prefer_file.isChecked(),
        )

    # -- the preview -----------------------------------------------------------------------------------------

    def check(self) -> None:
        """Compare the file with the journal and say what an import would do; nothing is written."""
        self.plan = None
        try:
            self.loaded, self.plan = prepare_import(self.journal, self.path, self.options())
        except MedjournalError as exc:
            self._show_refusal(exc.message)
            return
        self._offer_same_as(self.plan)
        loaded = self.loaded
        if loaded.table is not None:
            table = loaded.table
            header = _("a header row") if table.has_header else _("no header row")
            rows = ngettext("{n} row", "{n} rows", len(table.rows)).format(n=len(table.rows))
            self.file_label.setText(
                _("{encoding}, {delimiter}-separated, {header}, {rows}.").format(
                    encoding=table.encoding,
                    delimiter=_(DELIMITER_NAMES[table.delimiter]),
                    header=header,
                    rows=rows,
                )
            )
        else:
            self.file_label.setText(_("A MedTimer backup."))
        self.preview.setPlainText("\n".join(describe(self.plan, written=False, command_line=False)))
        self.import_button.setEnabled(self.plan.can_write and (self.plan.added > 0 or self._replacing()))

    def _replacing(self) -> bool:
        return self.plan is not None and self.plan.prefer_file and bool(self.plan.conflicts)

    def _show_refusal(self, message: str) -> None:
        self.preview.setPlainText(message)
        self.import_button.setEnabled(False)

    def _offer_same_as(self, plan: ImportPlan) -> None:
        """A choice per name that looks like one of the journal's medications: the same, or a new one."""
        for name, other in plan.look_alikes:
            if name in self.medication_boxes:
                continue
            box = QComboBox()
            box.addItem(_("choose…"), None)
            box.addItem(_("the same as {name}").format(name=other), other)
            box.addItem(_("a new medication"), None)
            box.currentIndexChanged.connect(lambda _: self.check())
            self.same_as_form.addRow(_("“{name}” in the file is:").format(name=name), box)
            self.medication_boxes[name] = box

    # -- writing ---------------------------------------------------------------------------------------------

    def run_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.can_write:
            return
        counts = errors.guarded(self, lambda: self.journal.apply_import(plan))
        if counts is None:
            return
        name = self.save_edit.text().strip()
        if name and self.loaded is not None:
            loaded = self.loaded
            errors.guarded(
                self, lambda: save_mapping(self.journal, name, loaded, str(self.format_box.currentData()))
            )
        self.preview.setPlainText("\n".join(describe(plan, written=True, command_line=False)))
        self.imported.emit(counts)
        self.accept()


def choose_csv_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, _("Import from CSV"), str(folder), _(CSV_FILTER))
    return Path(name) if name else None


def import_from_csv(window: Any) -> dict[str, int] | None:
    """Ask for a file, preview it in the dialog, and import it; returns the counts written, or None."""
    journal = window.journal
    folder = journal.path.parent if journal.path is not None else Path.home()
    path = choose_csv_file(window, folder)
    if path is None:
        return None
    dialog = CsvImportDialog(journal, path, window)
    written: dict[str, int] = {}
    dialog.imported.connect(written.update)
    dialog.exec()
    if not written:
        return None
    window.refresh_all()
    return written
