#pragma once
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QBoxLayout;
class QLabel;
class QScrollArea;
class QTableView;

namespace tw::widgets {

class ConvBlockEditor;
class CsvPreviewModel;
class DatasetSection;
class LayerListEditor;
class ModelSection;
class ObjectiveSection;
class SearchSpaceModel;
class SearchSpaceSection;
class SpecDocument;
class SpecField;
class SpecSection;
class StudySection;
class StudySettingsSection;
class TrainingSection;

// The Setup tab: the study spec as a form in sections (study, dataset, model, training or
// the command / function objective, search space, study settings). The spec itself, the
// JSON document `tunewright-cli run` takes, is the one source of truth: every edit writes
// into it, and about 150 ms after the last edit StudySpecParser checks it. Its message goes
// next to the field whose JSON path it names (the search-space row, for a parameter), or to
// the summary at the top when no field claims the path. Start must stay disabled while the
// spec is invalid: connect validityChanged().
class SpecEditor : public QWidget {
    Q_OBJECT
public:
    explicit SpecEditor(QWidget* parent = nullptr);
    ~SpecEditor() override;

    // Fills every field from `spec` (a missing optional key shows its default) and checks
    // it at once. Does not emit specChanged(): that is for the user's edits.
    void setSpec(const QJsonObject& spec);
    QJsonObject spec() const;
    // Whether the spec parses; checks pending edits first.
    bool isValid();
    // The parser's message for the current spec; empty when valid.
    QString firstError() const { return m_error; }
    // Checks the spec now rather than after the debounce delay.
    void validateNow();

    // Reads a spec file into the form: relative CSV paths and a command's working folder
    // are made absolute against the file's folder, and a missing name becomes the file's
    // base name, as the CLI would read it. Returns an empty string, or what is wrong with
    // the file (unreadable, not JSON with line and column, not an object). A spec that
    // is JSON but not valid is loaded, so its problems show in the form.
    QString importSpec(const QString& fileName);
    // Writes the spec as indented JSON; returns an empty string or the error.
    QString exportSpec(const QString& fileName) const;

    // The folder relative paths (a CSV source) are read against.
    void setBaseDir(const QString& dir);
    const QString& baseDir() const { return m_baseDir; }

    // Scrolls to the field that shows the current message and focuses it.
    void showErrorField();
    // Scrolls a section into view by name: study, dataset, model, training, objective,
    // search or settings. False for another name.
    bool showSection(const QString& name);
    static QStringList sectionNames();

    // Writes what every shown field displays into the spec, making defaults explicit.
    void writeShownValues();

    // A small valid spec to start from: an MLP on iris, tuning the learning rate.
    static QJsonObject defaultSpec();

    // Parts of the form, for the main window and tests.
    QList<SpecField*> fields() const;
    // The visible field bound to exactly `path` (else any field bound to it), or nullptr.
    SpecField* field(const QStringList& path) const;
    // The field showing the current message; nullptr when valid or when the summary shows it.
    SpecField* errorField() const { return m_errorField; }
    QLabel* summaryLabel() const { return m_summary; }
    SearchSpaceModel* searchSpaceModel() const;
    QTableView* searchSpaceTable() const;
    QLabel* searchSpaceMessage() const;
    CsvPreviewModel* csvPreviewModel() const;
    LayerListEditor* layerEditor() const;
    ConvBlockEditor* convEditor() const;
    StudySection* studySection() const { return m_study; }
    DatasetSection* datasetSection() const { return m_dataset; }
    ModelSection* modelSection() const { return m_model; }
    TrainingSection* trainingSection() const { return m_training; }
    ObjectiveSection* objectiveSection() const { return m_objective; }
    SearchSpaceSection* searchSpaceSection() const { return m_search; }
    StudySettingsSection* studySettingsSection() const { return m_settings; }

signals:
    // The user changed the spec (debounced, like the check).
    void specChanged(const QJsonObject& spec);
    void validityChanged(bool valid, const QString& firstError);

private:
    void onEdited(QObject* origin);
    void onReset();
    void loadFields(QObject* origin);
    void refreshSections();
    void showError(const QString& text);
    void showSummary(const QString& validSummary);

    SpecDocument* m_doc;
    QScrollArea* m_scroll;
    QLabel* m_summaryIcon;
    QLabel* m_summary;
    QWidget* m_trainBox;
    QBoxLayout* m_modelRow;
    StudySection* m_study;
    DatasetSection* m_dataset;
    ModelSection* m_model;
    TrainingSection* m_training;
    ObjectiveSection* m_objective;
    SearchSpaceSection* m_search;
    StudySettingsSection* m_settings;
    QList<SpecSection*> m_sections;
    QTimer m_timer;
    QString m_baseDir;
    QString m_error;
    SpecField* m_errorField = nullptr;
    bool m_valid = false;
    bool m_validityKnown = false;
    bool m_pendingChange = false;
};

} // namespace tw::widgets
