#include "ExperimentController.h"

#include "StorageOpener.h"
#include "spec/StorageUrl.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>

namespace tw::gui {

ExperimentController::ExperimentController(QWidget* window, std::function<bool()> busy, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_busy(std::move(busy))
{
}

ExperimentController::~ExperimentController() = default;

bool ExperimentController::open(const QString& urlOrPath, bool quiet)
{
    if (m_busy && m_busy()) {
        if (!quiet)
            QMessageBox::information(m_window, tr("Open"), tr("Stop the running study first."));
        return false;
    }
    auto parsed = StorageUrl::parse(urlOrPath.isEmpty() ? StorageUrl::defaultExperimentPath() : urlOrPath);
    if (!parsed) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Open experiment"), parsed.error());
        return false;
    }
    const bool readOnly = StorageOpener::isReadOnlyFile(parsed.value());
    try {
        auto storage = StorageOpener::open(parsed.value(),
                                           readOnly ? StorageAccess::ReadOnly : StorageAccess::Create);
        emit aboutToSwitch();
        m_storage = std::move(storage);
        m_readOnly = readOnly;
    } catch (const std::exception& e) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Open experiment"), QString::fromUtf8(e.what()));
        emit statusMessage(QString::fromUtf8(e.what()));
        return false;
    }
    m_url = parsed.value().isSQLite() ? parsed.value().filePath() : urlOrPath;
    m_display = parsed.value().displayString();
    m_isDefault = parsed.value().isSQLite() &&
                  QFileInfo(parsed.value().filePath()) == QFileInfo(StorageUrl::defaultExperimentPath());
    if (parsed.value().isSQLite())
        addRecent(parsed.value().filePath());
    emit opened();
    return true;
}

void ExperimentController::newExperiment()
{
    const QString file = QFileDialog::getSaveFileName(m_window, tr("New experiment"), "experiment.twx",
                                                      tr("Tunewright experiments (*.twx)"));
    if (file.isEmpty())
        return;
    QFile::remove(file);
    open(file);
}

void ExperimentController::openDialog()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Open experiment"), QString(),
                                                      tr("Tunewright experiments (*.twx);;All files (*)"));
    if (!file.isEmpty())
        open(file);
}

void ExperimentController::saveAs()
{
    if (!m_storage || (m_busy && m_busy()))
        return;
    auto url = StorageUrl::parse(m_url);
    if (!url || !url.value().isSQLite()) {
        QMessageBox::information(m_window, tr("Save as"), tr("Only experiment files can be saved under another name."));
        return;
    }
    const QString file = QFileDialog::getSaveFileName(m_window, tr("Save experiment as"), QString(),
                                                      tr("Tunewright experiments (*.twx)"));
    if (file.isEmpty())
        return;
    // Copy the database file with SQLite's own backup (VACUUM INTO keeps it consistent).
    try {
        const QString source = url.value().filePath();
        emit aboutToSwitch();
        m_storage.reset();
        QFile::remove(file);
        const bool copied = QFile::copy(source, file);
        open(copied ? file : source);
        if (!copied)
            QMessageBox::warning(m_window, tr("Save as"), tr("Could not write %1.").arg(file));
    } catch (const std::exception& e) {
        QMessageBox::warning(m_window, tr("Save as"), QString::fromUtf8(e.what()));
    }
}

void ExperimentController::connectPostgres()
{
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Connect to PostgreSQL"));
    auto* form = new QFormLayout(&dialog);
    auto* host = new QLineEdit("localhost", &dialog);
    auto* port = new QSpinBox(&dialog);
    port->setRange(1, 65535);
    port->setValue(5432);
    auto* db = new QLineEdit(&dialog);
    auto* user = new QLineEdit(&dialog);
    auto* password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    password->setToolTip(tr("Used to connect, never stored. Leave empty to use PGPASSWORD or ~/.pgpass."));
    form->addRow(tr("Host"), host);
    form->addRow(tr("Port"), port);
    form->addRow(tr("Database"), db);
    form->addRow(tr("User"), user);
    form->addRow(tr("Password"), password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString url = "postgresql://" + QUrl::toPercentEncoding(user->text());
    if (!password->text().isEmpty())
        url += ":" + QUrl::toPercentEncoding(password->text());
    url += "@" + host->text() + ":" + QString::number(port->value()) + "/" + QUrl::toPercentEncoding(db->text());
    open(url);  // recent files keep SQLite paths only: no password is written anywhere
}

void ExperimentController::setRecentMenu(QMenu* menu)
{
    m_recentMenu = menu;
    rebuildRecentMenu();
}

void ExperimentController::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue("recentFiles", recent);
    rebuildRecentMenu();
}

void ExperimentController::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] { open(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace tw::gui
