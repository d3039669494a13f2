#pragma once
#include "setup/SpecSection.h"

#include <QHash>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace tw::widgets {

class AugmentListEditor;
class CsvPreviewModel;
class SyntheticPreviewPlot;

// `objective.dataset`: the data source (built-in, CSV file or synthetic generator), a
// preview beside it, missing values, the split, preprocessing and augmentation. The
// preview of a table (a CSV file or a built-in's bundled CSV) has a role row whose
// combos write `target` and `columns.ignore`; a synthetic source shows a scatter plot.
class DatasetSection : public SpecSection {
    Q_OBJECT
public:
    DatasetSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;
    void refreshPreviews() override;
    void documentReset() override;

    // Relative CSV paths are read against this folder (the imported spec's).
    void setBaseDir(const QString& dir) { m_baseDir = dir; }
    QString csvPath() const; // the CSV file the preview reads, resolved

    QComboBox* kindCombo() const { return m_kindCombo; }
    QComboBox* builtinCombo() const { return m_builtinCombo; }
    QLineEdit* csvEdit() const { return m_csvEdit; }
    QComboBox* syntheticCombo() const { return m_syntheticCombo; }
    CsvPreviewModel* previewModel() const { return m_previewModel; }
    QTableView* previewTable() const { return m_table; }
    SyntheticPreviewPlot* syntheticPlot() const { return m_plot; }
    AugmentListEditor* augmentEditor() const { return m_augment; }
    QString previewMessage() const;

    static QString sourceKind(const QString& source); // builtin, csv, synthetic, or empty

private:
    QStringList path(const QString& key) const;
    void setSource(const QString& source);
    void switchSourceKind(const QString& kind);
    void loadSource();
    void applyRolesFromDocument();
    void writeRoles();
    void showTable(const QString& info);
    void showMessage(const QString& text);
    void openRoleEditors();

    QFormLayout* m_form = nullptr;
    QComboBox* m_kindCombo;
    QComboBox* m_builtinCombo;
    QLineEdit* m_csvEdit;
    QPushButton* m_browse;
    QComboBox* m_syntheticCombo;
    QStackedWidget* m_sourceStack;
    SpecField* m_sourceField;
    SpecField* m_delimiter;
    SpecField* m_header;
    SpecField* m_samples;
    SpecField* m_noise;
    SpecField* m_classes;
    SpecField* m_features;
    SpecField* m_factor;
    SpecField* m_syntheticSeed;
    SpecField* m_targetField;
    AugmentListEditor* m_augment;

    QStackedWidget* m_preview;
    QTableView* m_table;
    QLabel* m_previewInfo;
    QLabel* m_previewText;
    CsvPreviewModel* m_previewModel;
    SyntheticPreviewPlot* m_plot;
    QString m_previewKey;
    QString m_baseDir;
    QHash<QString, QJsonObject> m_stash;
    bool m_loading = false;
};

} // namespace tw::widgets
