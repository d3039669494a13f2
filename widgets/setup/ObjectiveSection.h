#pragma once
#include "setup/SpecSection.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace tw::widgets {

// The objective of a study that does not train a model: a command, shown as "run a
// script" (its argv as interpreter, script and arguments, ScriptCommand; the working
// folder; a preview of the command line with a sample of the parameters filled in; the
// timeout, prune grace and extra environment) or a test function (its name and
// dimension). Only the part of the current type is shown.
class ObjectiveSection : public SpecSection {
    Q_OBJECT
public:
    ObjectiveSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;

    QComboBox* interpreterEdit() const { return m_interpreter; }
    QLineEdit* scriptEdit() const { return m_script; }
    QLineEdit* argumentsEdit() const { return m_arguments; }
    QLineEdit* workdirEdit() const { return m_workdir; }
    QLabel* commandPreview() const { return m_preview; }
    QComboBox* functionCombo() const { return m_function; }

    // A function objective's dimension, as the parser derives it: the function's own,
    // the number after its name (ackley5), `dim`, else 2.
    static int effectiveDim(const QJsonObject& objective);

private:
    QStringList argvOfDocument() const;
    QStringList argvOfEditors() const;
    QString workdirPath() const;
    void updatePreview();

    QWidget* m_commandBox;
    QWidget* m_functionBox;
    QComboBox* m_interpreter;
    QLineEdit* m_script;
    QLineEdit* m_arguments;
    QLabel* m_preview;
    QLabel* m_sample;
    QLineEdit* m_workdir;
    QLineEdit* m_env;
    QComboBox* m_function;
    SpecField* m_dim;
    bool m_loading = false;
};

} // namespace tw::widgets
