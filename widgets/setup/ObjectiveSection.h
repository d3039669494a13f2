#pragma once
#include "setup/SpecSection.h"

class QComboBox;
class QLineEdit;

namespace tw::widgets {

// The objective of a study that does not train a model: a command (its argv as one
// shell-quoted line, working folder, timeout and extra environment) or a test function
// (its name and dimension). Only the part of the current type is shown.
class ObjectiveSection : public SpecSection {
    Q_OBJECT
public:
    ObjectiveSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;

    QLineEdit* argvEdit() const { return m_argv; }
    QComboBox* functionCombo() const { return m_function; }

    // A function objective's dimension, as the parser derives it: the function's own,
    // the number after its name (ackley5), `dim`, else 2.
    static int effectiveDim(const QJsonObject& objective);

private:
    QWidget* m_commandBox;
    QWidget* m_functionBox;
    QLineEdit* m_argv;
    QLineEdit* m_workdir;
    QLineEdit* m_env;
    QComboBox* m_function;
    SpecField* m_dim;
    bool m_loading = false;
};

} // namespace tw::widgets
