"""The Summary section: preview of the printed pages, period, questions for the doctor, visits, PDF, print.

The work of building the preview (the summary numbers, the page layout, one image per page) runs in small
steps on the event loop with a progress bar, so the window keeps answering; a newer request cancels an
older one.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.errors import MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import N_, _, ngettext
from medjournal.ui.buttons import quiet_button
from medjournal.ui.history.record_forms import numeric_day
from medjournal.ui.journal_write import journal_write, written
from medjournal.ui.qt_dates import from_qdate, to_qdate

log = logging.getLogger(__name__)

PRESETS = (
    ("since_visit", N_("Since the last visit (else 90 days)")),
    ("30", N_("Last 30 days")),
    ("90", N_("Last 90 days")),
    ("custom", N_("Chosen dates")),
)
PREVIEW_DPI = 72


class SummaryView(QWidget):
    """Preview and export of the doctor-visit summary."""

    journal_changed = Signal(object)  # after a write; None: not only some days
    preview_ready = Signal()  # the pages of the current period are shown
    pdf_saved = Signal(str)
    printed = Signal(str)  # the sentence said after the Print button: sent, saved, refused or cancelled

    def __init__(self, journal: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.report: Any = None
        self.layout_pages: Any = None
        self._generation = 0
        self._dirty = True
        self._busy = False
        self._notice = ""  # said once with the next "pages ready" message
        self._build()
        self.refresh()

    # -- widgets ----------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        preview_column = QVBoxLayout()
        from medjournal.ui.summary.summary_pgic import PgicPrompt  # a due PGIC is asked first

        self.pgic_prompt = PgicPrompt(self.journal)
        self.pgic_prompt.answered.connect(self._pgic_answered)
        preview_column.addWidget(self.pgic_prompt)
        self.preview_area = QScrollArea()
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # The pages' widget is at least as tall as its pages, so the scroll area scrolls instead of overlapping
        # them (pages are added one by one after the area was laid out).
        self.pages_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.preview_area.setWidget(self.pages_widget)
        self.preview_area.setAccessibleName(_("Preview of the summary pages"))
        preview_column.addWidget(self.preview_area, 1)
        status_row = QHBoxLayout()
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.setVisible(False)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.progress)
        preview_column.addLayout(status_row)
        outer.addLayout(preview_column, 3)

        side = QVBoxLayout()
        side.addWidget(self._period_box())
        side.addWidget(self._questions_box(), 1)
        side.addWidget(self._visit_box())
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setToolTip(_("Save the summary as a PDF file to print or send"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        side.addLayout(buttons)
        # The journal's passphrase does not travel with the PDF: it is meant for the doctor (docs/data-safety.md).
        self.plain_pdf_label = QLabel(
            _(
                "Your journal is protected with a passphrase, but the PDF is not: it is meant for your doctor, "
                "and anyone who has the file or the printout can read it."
            )
        )
        self.plain_pdf_label.setObjectName("plainPdfNote")
        self.plain_pdf_label.setWordWrap(True)
        self.plain_pdf_label.setVisible(False)
        side.addWidget(self.plain_pdf_label)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMaximumWidth(max(380, 26 * panel.fontMetrics().height()))  # in lines: wider at 16 pt
        panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(panel, 1)

    def _period_box(self) -> QGroupBox:
        box = QGroupBox(_("Period"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapLongRows
        )  # a longer language keeps its labels whole
        self.preset_combo = QComboBox()
        # as wide as its longest choice: the form puts "Show" above it when the panel is too narrow
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, label in PRESETS:
            self.preset_combo.addItem(_(label), key)
        self.preset_combo.setAccessibleName(_("Summary period"))
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setEnabled(False)
        self.end_edit.setEnabled(False)
        form.addRow(_("Show"), self.preset_combo)
        form.addRow(_("From"), self.start_edit)
        form.addRow(_("To"), self.end_edit)
        self.basis_label = QLabel("")
        self.basis_label.setWordWrap(True)
        form.addRow(self.basis_label)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.start_edit.editingFinished.connect(self._dates_edited)
        self.end_edit.editingFinished.connect(self._dates_edited)
        return box

    def _questions_box(self) -> QGroupBox:
        box = QGroupBox(_("Questions for the doctor"))
        column = QVBoxLayout(box)
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText(_("Write a question, then press Enter"))
        self.question_edit.setAccessibleName(_("New question for the doctor"))
        self.question_edit.returnPressed.connect(self.add_question)
        add_row = QHBoxLayout()
        add_row.addWidget(self.question_edit, 1)
        self.add_question_button = quiet_button(_("Add"), self.add_question)
        add_row.addWidget(self.add_question_button)
        column.addLayout(add_row)
        self.questions_list = QListWidget()
        self.questions_list.setAccessibleName(_("Open questions"))
        self.questions_list.setWordWrap(True)
        self.questions_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.addWidget(self.questions_list, 1)
        self.mark_asked_button = quiet_button(
            _("Mark as asked"), self.mark_selected_asked, tip=_("Asked questions leave the next summary")
        )
        column.addWidget(self.mark_asked_button)
        return box

    def _visit_box(self) -> QGroupBox:
        box = QGroupBox(_("Visits"))
        column = QVBoxLayout(box)
        self.last_visit_label = QLabel("")
        self.last_visit_label.setWordWrap(True)
        column.addWidget(self.last_visit_label)
        self.visit_note_edit = QLineEdit()
        self.visit_note_edit.setPlaceholderText(_("Note about the visit (optional)"))
        # named here: the label above it says when the last visit was, it does not ask for this note
        self.visit_note_edit.setAccessibleName(_("Note about the visit (optional)"))
        column.addWidget(self.visit_note_edit)
        self.mark_questions_check = QCheckBox(_("Mark my open questions as asked"))
        self.mark_questions_check.setChecked(True)
        column.addWidget(self.mark_questions_check)
        self.visit_button = quiet_button(
            _("I saw my doctor today"), self.record_visit, tip=_("The next summary starts from today's visit")
        )
        column.addWidget(self.visit_button)
        return box

    # -- loading ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload questions and visits; rebuild the preview now if shown, else when next shown."""
        self._load_questions()
        self.plain_pdf_label.setVisible(self.journal.encrypted)
        last = self.journal.last_visit()
        if last is None:
            self.last_visit_label.setText(_("No visit recorded yet."))
        elif last.day == self.journal.today():
            self.last_visit_label.setText(
                _("Last visit: {day} (today: the default summary starts from it tomorrow)").format(
                    day=numeric_day(last.day)
                )
            )
        else:
            self.last_visit_label.setText(_("Last visit: {day}").format(day=numeric_day(last.day)))
        self._dirty = True
        if self.isVisible():
            self.rebuild_preview()

    def refresh_days(self, _first: date, _last: date) -> None:
        """The summary's numbers span its whole period: a change on any day reads it all again."""
        self.refresh()

    def focus_first(self) -> None:
        """The keyboard stays where it was (the tab bar), as it always has on this section."""

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild_preview()

    def _load_questions(self) -> None:
        self.questions_list.clear()
        for question in self.journal.questions():
            item = QListWidgetItem(question.text)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            self.questions_list.addItem(item)
        self.mark_asked_button.setEnabled(self.questions_list.count() > 0)

    def period(self) -> tuple[date | None, date | None]:
        """The chosen period; (None, None) lets the summary pick its default (since the last visit, else 90
        days)."""
        key = self.preset_combo.currentData()
        today = self.journal.today()
        if key == "since_visit":
            return None, None
        if key in ("30", "90"):
            return today - timedelta(days=int(key) - 1), today
        return from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())

    def _preset_changed(self) -> None:
        self._period_controls()
        self.rebuild_preview()

    def _period_controls(self) -> None:
        custom = self.preset_combo.currentData() == "custom"
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)

    def _dates_edited(self) -> None:
        if self.preset_combo.currentData() == "custom":
            self.rebuild_preview()

    # -- preview, in steps --------------------------------------------------------------------------------

    def rebuild_preview(self) -> None:
        self._dirty = False
        self._generation += 1
        generation = self._generation
        self._set_busy(True, _("Preparing the summary…"), 0)
        QTimer.singleShot(0, self, lambda: self._step_summary(generation))

    def _set_busy(self, busy: bool, message: str = "", value: int = 0, maximum: int = 0) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        if message:
            self.status_label.setText(message)
        self.save_button.setEnabled(not busy and self.layout_pages is not None)
        self.print_button.setEnabled(not busy and self.layout_pages is not None)

    def _step_summary(self, generation: int) -> None:
        if generation != self._generation:
            return
        start, end = self.period()
        if start is not None and end is not None and start > end:
            self._set_busy(False, _("The period starts after it ends: choose an earlier “From” date."))
            return
        try:
            from medjournal.i18n import use_language
            from medjournal.report.language import summary_language
            from medjournal.report.summary.summary import build_summary

            # For the doctor: made in the summary's language, as layout_summary lays the pages out.
            with use_language(summary_language(self.journal)):
                self.report = build_summary(self.journal, start=start, end=end, now=self.journal.now())
        except MedjournalError as exc:
            self._set_busy(False, exc.message)
            return
        self._show_period(self.report)
        self.pgic_prompt.check(self.report.period.end)
        QTimer.singleShot(0, self, lambda: self._step_layout(generation))

    def _pgic_answered(self) -> None:
        """The PGIC was saved for today (by the prompt's dialog): build the summary again with it, once."""
        self._notice = _("Your impression of change is in the summary.")
        today = self.journal.today()
        written(self, (today, today))

    def _show_period(self, report: Any) -> None:
        from medjournal.report.summary.period_text import period_sentence

        period = report.to_json().get("period", {})
        self.basis_label.setText(period_sentence(report.period, self.journal.now().date()))
        for edit, key in ((self.start_edit, "start"), (self.end_edit, "end")):
            try:
                day = date.fromisoformat(str(period.get(key)))
            except ValueError:
                continue
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def _step_layout(self, generation: int) -> None:
        if generation != self._generation:
            return
        from medjournal.report.pdf.pdf import layout_summary

        if self.layout_pages is not None:
            self.layout_pages.release()
        self.layout_pages = layout_summary(self.report, self.journal)
        self._clear_pages()
        count = self.layout_pages.page_count
        self._set_busy(
            True, ngettext("Drawing {n} page…", "Drawing {n} pages…", count).format(n=count), 0, count
        )
        QTimer.singleShot(0, self, lambda: self._step_page(generation, 0))

    def _clear_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _step_page(self, generation: int, index: int) -> None:
        if generation != self._generation or self.layout_pages is None:
            return
        from medjournal.report.pdf.pdf import page_image

        ratio = self.devicePixelRatioF() or 1.0
        image = page_image(self.layout_pages, index, PREVIEW_DPI * ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        label = QLabel()
        label.setPixmap(pixmap)
        # The page at its own size: the scroll area's layout otherwise squeezed each page shorter than its
        # picture, cutting off its top and bottom.
        label.setFixedSize(pixmap.deviceIndependentSize().toSize())
        label.setStyleSheet("background: white; border: 1px solid #999;")
        label.setAccessibleName(
            _("Page {number} of {count}").format(number=index + 1, count=self.layout_pages.page_count)
        )
        self.pages_layout.addWidget(label)
        self.progress.setValue(index + 1)
        if index + 1 < self.layout_pages.page_count:
            QTimer.singleShot(0, self, lambda: self._step_page(generation, index + 1))
            return
        count = self.layout_pages.page_count
        pages = ngettext("{n} page · {size}.", "{n} pages · {size}.", count).format(
            n=count, size=self.layout_pages.size_name
        )
        if not self.layout_pages.first_page_fits:
            pages += " " + _("The summary runs past page 1: it is long.")
        self._set_busy(False, f"{self._notice} {pages}".strip())
        self._notice = ""
        self.preview_ready.emit()

    def page_count(self) -> int:
        return self.pages_layout.count()

    # -- writes -------------------------------------------------------------------------------------------

    def add_question(self) -> None:
        text = self.question_edit.text().strip()
        if not text:
            self.status_label.setText(_("Write the question first."))
            return
        journal_write(
            self,
            lambda: self.journal.add_question(text),
            show=self.status_label.setText,
            done=lambda _question: self.question_edit.clear(),
        )

    def mark_selected_asked(self) -> None:
        items = self.questions_list.selectedItems() or (
            [self.questions_list.currentItem()] if self.questions_list.currentItem() else []
        )
        if not items:
            self.status_label.setText(_("Choose a question in the list first."))
            return
        ids = [int(item.data(Qt.ItemDataRole.UserRole)) for item in items]
        journal_write(self, lambda: self._mark_asked(ids), show=self.status_label.setText)

    def _mark_asked(self, ids: list[int]) -> None:
        with self.journal.batch():
            for question_id in ids:
                self.journal.mark_question_asked(question_id)

    def record_visit(self) -> None:
        note = self.visit_note_edit.text().strip()

        mark = self.mark_questions_check.isChecked()

        def visit() -> None:
            with self.journal.batch():
                self.journal.add_visit(note=note)
                if mark:
                    for question in self.journal.questions():
                        self.journal.mark_question_asked(question.id)

        def recorded(_none: None) -> None:
            self.visit_note_edit.clear()
            self.preset_combo.blockSignals(True)  # the one refresh after the write draws the new period
            self.preset_combo.setCurrentIndex(0)
            self.preset_combo.blockSignals(False)
            self._period_controls()
            self._notice = _("Visit recorded: from tomorrow, the summary starts at today's visit.")

        journal_write(self, visit, show=self.status_label.setText, done=recorded)

    # -- output ---------------------------------------------------------------------------------------------

    def suggested_file_name(self) -> str:
        end = from_qdate(self.end_edit.date()).isoformat()
        return f"medjournal-summary-{end}.pdf"

    def save_pdf(self) -> None:
        if self.layout_pages is None or self._busy:
            return
        folder = Path.home() / "Documents"
        suggestion = str((folder if folder.is_dir() else Path.home()) / self.suggested_file_name())
        title = _("Save the summary as PDF")
        if self.journal.encrypted:
            title = _("Save the summary as PDF (not encrypted: anyone with the file can read it)")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, suggestion, _("PDF files (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from medjournal.report.pdf.pdf import save_pdf

        self._set_busy(True, _("Saving the PDF…"))
        try:
            save_pdf(self.layout_pages, path, self.journal.path)  # never over a file or the journal
        except MedjournalError as exc:
            self._set_busy(False, exc.message)
            return
        except OSError as exc:
            self._set_busy(False, _("Could not save the PDF: {reason}.").format(reason=os_reason(exc)))
            return
        self._set_busy(False, _("Saved {path}").format(path=path))
        self.pdf_saved.emit(str(path))

    def print_summary(self) -> None:
        """The system's print dialog; its choices are honoured and the outcome said in one sentence."""
        if self.layout_pages is None or self._busy:
            return
        from medjournal.ui.summary.summary_print import print_from_view

        message = print_from_view(self)
        if message:
            self.status_label.setText(message)
        self.printed.emit(message)
