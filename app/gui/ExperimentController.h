#pragma once
#include "study/StudyStorage.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QMenu;
class QWidget;

namespace tw::gui {

// The open experiment: its storage (an SQLite file or a PostgreSQL database), opened
// read-only when the file cannot be written (#13), and the File menu's ways to reach one
// (new, open, recent, save as, connect to PostgreSQL). Opening one replaces the last.
class ExperimentController : public QObject {
    Q_OBJECT
public:
    // `busy` says whether a run forbids switching now (a study is running).
    ExperimentController(QWidget* window, std::function<bool()> busy, QObject* parent = nullptr);
    ~ExperimentController() override;

    // Opens an SQLite file path or a storage URL (empty: the default experiment). False,
    // with a message box unless quiet, when it cannot be opened or a run is going on.
    bool open(const QString& urlOrPath, bool quiet = false);

    StudyStorage* storage() const { return m_storage.get(); }
    // What the engine thread opens its own connection with: a file path or the URL.
    const QString& url() const { return m_url; }
    // For titles and messages: no password.
    const QString& display() const { return m_display; }
    bool isReadOnly() const { return m_readOnly; }
    // Whether the open experiment is the default experiment file.
    bool isDefault() const { return m_isDefault; }

    void newExperiment();
    void openDialog();
    void saveAs();
    void connectPostgres();
    // The menu that lists recently opened files; kept up to date from then on.
    void setRecentMenu(QMenu* menu);

signals:
    // The storage is about to be replaced or closed: drop every pointer into it.
    void aboutToSwitch();
    void opened();
    void statusMessage(const QString& text);

private:
    void addRecent(const QString& path);
    void rebuildRecentMenu();

    QWidget* m_window;
    std::function<bool()> m_busy;
    std::unique_ptr<StudyStorage> m_storage;
    QString m_url;
    QString m_display;
    bool m_readOnly = false;
    bool m_isDefault = false;
    QMenu* m_recentMenu = nullptr;
};

} // namespace tw::gui
