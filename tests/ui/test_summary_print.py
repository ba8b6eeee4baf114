"""The Summary view's Print button through Qt's real print dialog: page range, paper, cancel, a queue that
refuses, and no printer at all (then Save as PDF is offered). Queues: a private cupsd (tests/printers.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from medjournal.storage import Journal
from tests.printers import PrivateCups
from tests.test_pdf import build_known_journal, pdf_info, pdf_text
from tests.test_print import same_words
from tests.ui.modal import with_modal
from tests.ui.widgets import accept, child, reject

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: Any, journal: Journal) -> Any:
    from medjournal.ui.summary.summary_view import SummaryView

    build_known_journal(journal)
    widget = SummaryView(journal)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_ready, timeout=30000):
        widget.show()
    return widget


def saved_copy(view: Any, folder: Path) -> Path:
    from medjournal.report.pdf.pdf import save_pdf

    return save_pdf(view.layout_pages, folder / "saved.pdf")


def choose(dialog: QWidget, printer: str) -> None:
    combo = dialog.findChild(QComboBox, "printers")
    assert combo is not None
    combo.setCurrentIndex(combo.findText(printer))


def choose_and_print(printer: str) -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        choose(dialog, printer)
        accept(dialog)

    return fill


def choose_paper(dialog: QWidget, paper: str) -> None:
    """Properties… → Page → Paper size, as a person does; the properties dialog is modal too."""

    def in_properties() -> None:
        properties = QApplication.activeModalWidget()
        assert isinstance(properties, QDialog) and properties is not dialog
        sizes = properties.findChild(QComboBox, "pageSizeCombo")
        assert sizes is not None
        sizes.setCurrentIndex(sizes.findText(paper))
        assert sizes.currentText() == paper
        properties.accept()

    button = dialog.findChild(QPushButton, "properties")
    assert button is not None
    QTimer.singleShot(0, in_properties)
    button.click()


def press_print(view: Any, qtbot: Any, fill: Any) -> str:
    def handle(dialog: QWidget) -> None:
        fill(dialog)

    with qtbot.waitSignal(view.printed, timeout=60000) as printed:
        with_modal(view.print_button.click, handle)
    return str(printed.args[0])


def test_page_one_on_letter_as_chosen_in_the_dialog(
    view: Any, qtbot: Any, printers: PrivateCups, tmp_path: Path
) -> None:
    """The journal says A4; the dialog says Letter and pages 1 to 1: one Letter page arrives."""
    from medjournal.report.pdf.pdf import layout_summary

    view.journal.set_setting("page_size", "A4")
    letter = layout_summary(view.report, view.journal, "Letter")
    count = letter.page_count  # laid out again for the paper chosen
    letter.release()

    def fill(dialog: QWidget) -> None:
        choose(dialog, "medjournal-pdf")
        choose_paper(dialog, "US Letter")
        child(dialog, QRadioButton, "printRange").setChecked(True)
        child(dialog, QSpinBox, "from").setValue(1)
        child(dialog, QSpinBox, "to").setValue(1)
        accept(dialog)

    message = press_print(view, qtbot, fill)
    assert message == f"Sent page 1 of {count} to the printer “medjournal-pdf”."
    assert view.status_label.text() == message
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == "1"
    assert pdf_info(printed)["Page size"].startswith("612 x 792")
    assert "page 1 of" in pdf_text(printed)


def test_the_dialog_left_alone_prints_every_page_on_the_journal_paper(
    view: Any, qtbot: Any, printers: PrivateCups, tmp_path: Path
) -> None:
    """The queue's own default paper is A4; the journal's Letter is what the dialog was given, so it stays."""
    view.journal.set_setting("page_size", "Letter")
    view.refresh()
    qtbot.waitUntil(
        lambda: view.layout_pages is not None and view.layout_pages.size_name == "Letter", timeout=30000
    )
    qtbot.waitUntil(lambda: view.print_button.isEnabled(), timeout=30000)
    saved = saved_copy(view, tmp_path)

    message = press_print(view, qtbot, choose_and_print("medjournal-pdf"))
    count = int(pdf_info(saved)["Pages"])
    assert message == f"Sent all {count} pages to the printer “medjournal-pdf”."
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == str(count)
    assert pdf_info(printed)["Page size"] == pdf_info(saved)["Page size"]
    assert same_words(pdf_text(printed), pdf_text(saved))


def test_the_print_systems_page_list_is_honoured(
    view: Any, qtbot: Any, printers: PrivateCups, tmp_path: Path
) -> None:
    """The dialog's "Pages" field (a list CUPS would apply) prints those pages, and the message says so."""
    saved = saved_copy(view, tmp_path)
    count = view.layout_pages.page_count

    def fill(dialog: QWidget) -> None:
        choose(dialog, "medjournal-pdf")
        child(dialog, QRadioButton, "pagesRadioButton").setChecked(True)
        child(dialog, QLineEdit, "pagesLineEdit").setText("2-3")
        accept(dialog)

    message = press_print(view, qtbot, fill)
    assert message == f"Sent pages 2–3 of {count} to the printer “medjournal-pdf”."
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == "2"
    assert same_words(pdf_text(printed), pdf_text(saved, 2, 3))


def test_a_queue_that_refuses_the_job_is_said(view: Any, qtbot: Any, printers: PrivateCups) -> None:
    message = press_print(view, qtbot, choose_and_print("medjournal-closed"))
    assert message == (
        'The printer “medjournal-closed” refused the job (Destination "medjournal-closed" is not accepting '
        "jobs); nothing was printed."
    )
    assert view.status_label.text() == message
    assert printers.job_pdfs() == []


def test_a_cancelled_dialog_sends_nothing(view: Any, qtbot: Any, printers: PrivateCups) -> None:
    message = press_print(view, qtbot, reject)
    assert message == "Printing cancelled; nothing was sent."
    assert view.status_label.text() == message
    assert printers.job_pdfs() == []


def test_no_printer_offers_save_as_pdf(
    view: Any, qtbot: Any, no_printers: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "for the doctor.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    said: list[str] = []

    def take_pdf(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        [save] = [button for button in box.buttons() if button.text() == "Save as PDF…"]
        save.click()

    with qtbot.waitSignal(view.pdf_saved, timeout=60000):
        with_modal(view.print_button.click, take_pdf)
    assert said == ["No printer is set up on this computer."]
    assert pdf_info(target)["Pages"] == str(view.layout_pages.page_count)


def test_no_printer_and_no_pdf_says_so(view: Any, qtbot: Any, no_printers: None) -> None:
    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.reject()

    with qtbot.waitSignal(view.printed) as printed:
        with_modal(view.print_button.click, cancel)
    assert printed.args[0] == "No printer is set up on this computer."
    assert view.status_label.text() == "No printer is set up on this computer."


def test_copies_chosen_in_the_dialog_reach_the_queue(view: Any, qtbot: Any, printers: PrivateCups) -> None:
    count = view.layout_pages.page_count

    def fill(dialog: QWidget) -> None:
        choose(dialog, "medjournal-pdf")
        child(dialog, QRadioButton, "printRange").setChecked(True)
        child(dialog, QSpinBox, "from").setValue(1)
        child(dialog, QSpinBox, "to").setValue(1)
        child(dialog, QSpinBox, "copies").setValue(2)
        accept(dialog)

    message = press_print(view, qtbot, fill)
    assert message == f"Sent page 1 of {count} to the printer “medjournal-pdf”, 2 copies."
    [printed] = printers.job_pdfs()
    assert pdf_info(printed)["Pages"] == "2"  # cups-pdf puts both copies in one file


def test_print_to_file_from_the_dialog_saves_the_pages_chosen(
    view: Any, qtbot: Any, printers: PrivateCups, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "printed.pdf"
    saved = saved_copy(view, tmp_path)
    count = view.layout_pages.page_count

    def fill(dialog: QWidget) -> None:
        choose(dialog, "Print to File (PDF)")
        child(dialog, QLineEdit, "filename").setText(str(target))
        child(dialog, QRadioButton, "printRange").setChecked(True)
        child(dialog, QSpinBox, "from").setValue(2)
        child(dialog, QSpinBox, "to").setValue(count)
        accept(dialog)

    message = press_print(view, qtbot, fill)
    assert message == f"Saved pages 2–{count} of {count} to {target}."
    assert pdf_info(target)["Pages"] == str(count - 1)
    assert pdf_text(target) == pdf_text(saved, 2, count)  # the same PDF engine: the very same text
    assert [path.name for path in target.parent.iterdir()] == ["printed.pdf"]  # no temporary file left
    assert printers.job_pdfs() == []


def test_two_sided_printing_chosen_in_the_dialog_reaches_the_queue(
    view: Any, qtbot: Any, printers: PrivateCups
) -> None:
    """The queue offers two-sided printing (its PPD has Duplex); the dialog's choice goes with the job."""
    before = set(printers.completed_jobs())

    def fill(dialog: QWidget) -> None:
        choose(dialog, "medjournal-pdf")
        long_side = child(dialog, QRadioButton, "duplexLong")
        assert long_side.isEnabled()
        long_side.setChecked(True)
        accept(dialog)

    message = press_print(view, qtbot, fill)
    assert message.startswith("Sent all ")
    printers.job_pdfs()
    [job] = set(printers.completed_jobs()) - before
    attributes = printers.job_options(job)
    assert b"sides" in attributes and b"two-sided-long-edge" in attributes
