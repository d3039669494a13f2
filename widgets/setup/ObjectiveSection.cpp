#include "setup/ObjectiveSection.h"

#include "setup/JsonText.h"
#include "setup/ShellWords.h"
#include "setup/SpecDocument.h"
#include "spec/FunctionObjectiveSpec.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

QStringList objPath(const QString& key)
{
    return {QStringLiteral("objective"), key};
}

const FunctionObjectiveSpec::Known* findFunction(const QString& name)
{
    for (const auto& k : FunctionObjectiveSpec::known())
        if (k.name == name)
            return &k;
    return nullptr;
}

// "ackley5" -> ("ackley", 5); a name without a trailing number -> (name, 0).
std::pair<QString, int> splitName(const QString& written)
{
    QString base = written;
    while (!base.isEmpty() && base.back().isDigit())
        base.chop(1);
    if (base == written || base.isEmpty() || !findFunction(base) || findFunction(written))
        return {written, 0};
    return {base, written.mid(base.size()).toInt()};
}

} // namespace

int ObjectiveSection::effectiveDim(const QJsonObject& objective)
{
    const auto [base, nameDim] = splitName(objective.value(QStringLiteral("name")).toString());
    if (const auto* k = findFunction(base); k && k->fixedDim > 0)
        return k->fixedDim;
    const QJsonValue dim = objective.value(QStringLiteral("dim"));
    if (dim.isDouble())
        return dim.toInt();
    return nameDim > 0 ? nameDim : 2;
}

ObjectiveSection::ObjectiveSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Objective"), doc, {"objective"}, parent)
{
    // --- command ---------------------------------------------------------------------------
    m_argv = new QLineEdit(this);
    m_argv->setPlaceholderText(tr("python3 train.py --lr {training.lr}"));
    m_argv->setToolTip(tr("The program and its arguments, quoted as in a shell; {name} is "
                          "replaced by the trial's value of parameter name. It runs without a "
                          "shell."));
    auto* argv = add(SpecField::custom(
        m_doc, objPath("argv"), m_argv,
        [this] {
            QStringList words;
            for (const QJsonValue& v : m_doc->value(objPath("argv")).toArray())
                words << JsonText::display(v);
            const QString line = ShellWords::join(words);
            // Keep the user's own spacing and quoting when it means the same words.
            if (ShellWords::split(m_argv->text()) != words) {
                m_loading = true;
                m_argv->setText(line);
                m_loading = false;
            }
        },
        this));
    connect(m_argv, &QLineEdit::textChanged, this, [this, argv](const QString& text) {
        if (m_loading)
            return;
        QJsonArray a;
        for (const QString& w : ShellWords::split(text))
            a.append(w);
        m_doc->setValue(objPath("argv"), a, argv);
    });

    auto* workdirBox = new QWidget(this);
    auto* workdirLayout = new QHBoxLayout(workdirBox);
    workdirLayout->setContentsMargins(0, 0, 0, 0);
    m_workdir = new QLineEdit(workdirBox);
    m_workdir->setPlaceholderText(QStringLiteral("."));
    m_workdir->setToolTip(tr("The folder the command runs in; a relative path is relative to "
                             "the spec file's folder."));
    workdirBox->setToolTip(m_workdir->toolTip());
    auto* browse = new QPushButton(tr("Browse…"), workdirBox);
    browse->setToolTip(tr("Choose the working folder."));
    workdirLayout->addWidget(m_workdir, 1);
    workdirLayout->addWidget(browse);
    auto* workdir = add(SpecField::custom(
        m_doc, objPath("workdir"), workdirBox,
        [this] {
            const QString w = JsonText::display(m_doc->valueOrAbsent(objPath("workdir")));
            if (m_workdir->text() != w) {
                m_loading = true;
                m_workdir->setText(w);
                m_loading = false;
            }
        },
        this));
    connect(m_workdir, &QLineEdit::textChanged, this, [this, workdir](const QString& text) {
        if (!m_loading)
            m_doc->setValue(objPath("workdir"),
                            text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text),
                            workdir);
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Working folder"),
                                                              m_workdir->text());
        if (!dir.isEmpty())
            m_workdir->setText(dir);
    });

    auto* timeout = number(objPath("timeout_s"), SpecField::constant(0),
                           tr("Seconds before a trial's command is stopped and the trial "
                              "failed; 0 means no limit."));

    m_env = new QLineEdit(this);
    m_env->setPlaceholderText(tr("KEY=value OTHER='with spaces'"));
    m_env->setToolTip(tr("Extra environment variables for the command, as KEY=value words."));
    auto* env = add(SpecField::custom(
        m_doc, objPath("env"), m_env,
        [this] {
            const QJsonObject env = m_doc->value(objPath("env")).toObject();
            QStringList words;
            for (auto it = env.begin(); it != env.end(); ++it)
                words << it.key() + u'=' + JsonText::display(it.value());
            QJsonObject current;
            for (const QString& w : ShellWords::split(m_env->text()))
                current.insert(w.section(u'=', 0, 0), w.section(u'=', 1));
            if (current != env) {
                m_loading = true;
                m_env->setText(ShellWords::join(words));
                m_loading = false;
            }
        },
        this));
    connect(m_env, &QLineEdit::textChanged, this, [this, env](const QString& text) {
        if (m_loading)
            return;
        QJsonObject o;
        for (const QString& w : ShellWords::split(text))
            o.insert(w.section(u'=', 0, 0), w.section(u'=', 1));
        m_doc->setValue(objPath("env"), o.isEmpty() ? QJsonValue(QJsonValue::Undefined) : o, env);
    });

    m_commandBox = new QWidget(this);
    auto* commandForm = newForm();
    commandForm->setContentsMargins(0, 0, 0, 0);
    m_commandBox->setLayout(commandForm);
    addRow(commandForm, tr("Command:"), argv);
    addRow(commandForm, tr("Working folder:"), workdir);
    addRow(commandForm, tr("Timeout (s):"), timeout);
    addRow(commandForm, tr("Environment:"), env);

    // --- function --------------------------------------------------------------------------
    m_function = new QComboBox(this);
    for (const auto& k : FunctionObjectiveSpec::known())
        m_function->addItem(k.fixedDim > 0 ? tr("%1 (dimension %2)").arg(k.name).arg(k.fixedDim)
                                           : tr("%1 (any dimension)").arg(k.name),
                            k.name);
    m_function->setToolTip(tr("A benchmark function with a known optimum, to compare samplers "
                              "without training anything."));
    auto* function = add(SpecField::custom(
        m_doc, objPath("name"), m_function,
        [this] {
            const auto [base, nameDim] =
                splitName(m_doc->value(objPath("name")).toString());
            Q_UNUSED(nameDim);
            m_loading = true;
            m_function->setCurrentIndex(m_function->findData(base));
            m_loading = false;
        },
        this));
    connect(m_function, &QComboBox::currentIndexChanged, this, [this, function] {
        if (m_loading || m_function->currentIndex() < 0)
            return;
        const QString name = m_function->currentData().toString();
        m_doc->setValue(objPath("name"), name, function);
        // A fixed-dimension function takes no dim of another size.
        if (const auto* k = findFunction(name); k && k->fixedDim > 0)
            m_doc->remove(objPath("dim"), function);
    });
    m_dim = integer(objPath("dim"), 1, 1000,
                    [this] { return QJsonValue(effectiveDim(m_doc->value({QStringLiteral("objective")}).toObject())); },
                    tr("The number of coordinates x0, x1, …; fixed for branin (2) and "
                       "hartmann6 (6)."));
    connect(m_dim, &SpecField::edited, this, [this] {
        // "ackley5" names its dimension; a new dim goes with the plain name.
        const auto [base, nameDim] = splitName(m_doc->value(objPath("name")).toString());
        if (nameDim > 0)
            m_doc->setValue(objPath("name"), base, this);
    });

    m_functionBox = new QWidget(this);
    auto* functionForm = newForm();
    functionForm->setContentsMargins(0, 0, 0, 0);
    m_functionBox->setLayout(functionForm);
    addRow(functionForm, tr("Function:"), function);
    addRow(functionForm, tr("Dimension:"), m_dim);

    m_layout->addWidget(m_commandBox);
    m_layout->addWidget(m_functionBox);
}

void ObjectiveSection::refresh()
{
    const QString type = objectiveType();
    const bool command = type == QLatin1String("command");
    m_commandBox->setVisible(command);
    m_functionBox->setVisible(!command);
    setTitle(command ? tr("Command") : tr("Test function"));
    const auto [base, nameDim] = splitName(m_doc->value(objPath("name")).toString());
    Q_UNUSED(nameDim);
    const auto* k = findFunction(base);
    m_dim->editor()->setEnabled(!(k && k->fixedDim > 0));
}

} // namespace tw::widgets
