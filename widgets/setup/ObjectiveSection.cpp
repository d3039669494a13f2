#include "setup/ObjectiveSection.h"

#include "setup/JsonText.h"
#include "setup/ScriptCommand.h"
#include "setup/ShellWords.h"
#include "spec/ArgvTemplate.h"
#include "setup/SpecDocument.h"
#include "spec/FunctionObjectiveSpec.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
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
    // --- command: run a script -----------------------------------------------------------
    // argv is edited as three parts (ScriptCommand): the interpreter, the script, and the
    // script's arguments; each edit writes the whole argv.
    m_interpreter = new QComboBox(this);
    m_interpreter->setEditable(true);
    m_interpreter->addItems({QStringLiteral("python3"), QStringLiteral("python3 -u"),
                             QStringLiteral("/usr/bin/python3"), QStringLiteral("bash"),
                             QStringLiteral("Rscript"), QString()});
    m_interpreter->lineEdit()->setPlaceholderText(tr("none: the script runs itself"));
    m_interpreter->setToolTip(tr("The program that runs the script, with its options (python3, "
                                 "python3 -u, bash…); empty when the script is a program itself."));
    m_script = new QLineEdit(this);
    m_script->setPlaceholderText(tr("train.py"));
    m_script->setToolTip(tr("The script (or program) a trial runs; a relative path is relative "
                            "to the working folder."));
    auto* scriptBox = new QWidget(this);
    auto* scriptLayout = new QHBoxLayout(scriptBox);
    scriptLayout->setContentsMargins(0, 0, 0, 0);
    auto* browseScript = new QPushButton(tr("Browse…"), scriptBox);
    browseScript->setObjectName(QStringLiteral("browseScript"));
    browseScript->setToolTip(tr("Choose the script."));
    scriptLayout->addWidget(m_script, 1);
    scriptLayout->addWidget(browseScript);
    scriptBox->setToolTip(m_script->toolTip());
    m_arguments = new QLineEdit(this);
    m_arguments->setPlaceholderText(tr("--lr {lr} --epochs 10"));
    m_arguments->setToolTip(tr("The script's arguments, quoted as in a shell; {name} is replaced "
                               "by the trial's value of parameter name. The command runs without "
                               "a shell; the trial's parameters are also in TW_PARAMS."));
    auto* addParams = new QPushButton(tr("Add parameters"), this);
    addParams->setObjectName(QStringLiteral("addParameters"));
    addParams->setToolTip(tr("Append --name {name} for each search-space parameter the "
                             "arguments do not use yet."));
    auto* argsBox = new QWidget(this);
    auto* argsLayout = new QHBoxLayout(argsBox);
    argsLayout->setContentsMargins(0, 0, 0, 0);
    argsLayout->addWidget(m_arguments, 1);
    argsLayout->addWidget(addParams);
    argsBox->setToolTip(m_arguments->toolTip());
    // The three editors are one field, argv; its messages show under the arguments.
    auto* argv = add(SpecField::custom(
        m_doc, objPath("argv"), argsBox,
        [this] {
            const QStringList words = argvOfDocument();
            // Keep the user's own spacing, quoting and split when they mean the same argv.
            if (argvOfEditors() == words)
                return;
            const ScriptCommand c = ScriptCommand::fromArgv(words);
            m_loading = true;
            m_interpreter->setCurrentText(ShellWords::join(c.interpreter));
            m_script->setText(c.script);
            m_arguments->setText(ShellWords::join(c.arguments));
            m_loading = false;
        },
        this));
    const auto writeArgv = [this, argv] {
        if (m_loading)
            return;
        QJsonArray a;
        for (const QString& w : argvOfEditors())
            a.append(w);
        m_doc->setValue(objPath("argv"), a, argv);
    };
    connect(m_interpreter, &QComboBox::currentTextChanged, this, writeArgv);
    connect(m_script, &QLineEdit::textChanged, this, writeArgv);
    connect(m_arguments, &QLineEdit::textChanged, this, writeArgv);
    connect(browseScript, &QPushButton::clicked, this, [this] {
        const QString base = workdirPath();
        const QString file = QFileDialog::getOpenFileName(this, tr("Script"), base,
                                                          tr("Scripts (*.py *.sh *.R *.jl);;All files (*)"));
        if (file.isEmpty())
            return;
        const QString relative = QDir(base).relativeFilePath(file);
        m_script->setText(relative.startsWith(QLatin1String("..")) ? file : relative);
        if (m_interpreter->currentText().isEmpty() && file.endsWith(QLatin1String(".py")))
            m_interpreter->setCurrentText(QStringLiteral("python3"));
    });
    connect(addParams, &QPushButton::clicked, this, [this] {
        QStringList used;
        for (const QString& w : argvOfEditors())
            used += ArgvTemplate::placeholders(w).value_or(QStringList());
        QStringList words = ShellWords::split(m_arguments->text());
        const QJsonObject space = m_doc->value({QStringLiteral("search_space")}).toObject();
        for (auto it = space.begin(); it != space.end(); ++it)
            if (!used.contains(it.key()))
                words << QStringLiteral("--") + it.key() << u'{' + it.key() + u'}';
        m_arguments->setText(ShellWords::join(words));
    });

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("commandPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setToolTip(tr("The command line a trial runs, with a sample of the parameters "
                             "filled in: the middle of each range, the first choice."));
    m_sample = new QLabel(this);
    m_sample->setObjectName(QStringLiteral("commandSample"));
    m_sample->setWordWrap(true);
    m_sample->setEnabled(false);  // the muted look of a note

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
    auto* pruneGrace = number(objPath("prune_grace_s"), SpecField::constant(0),
                              tr("Seconds a pruned trial's script may take to stop by itself "
                                 "(the tunewright helper's Reporter sees the prune marker at its "
                                 "next epoch) before it is stopped; 0 stops it at once."));

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
    auto* interpreterLabel = new QLabel(tr("Interpreter:"), this);
    interpreterLabel->setToolTip(m_interpreter->toolTip());
    interpreterLabel->setBuddy(m_interpreter);
    commandForm->addRow(interpreterLabel, m_interpreter);
    auto* scriptLabel = new QLabel(tr("Script:"), this);
    scriptLabel->setToolTip(m_script->toolTip());
    scriptLabel->setBuddy(m_script);
    commandForm->addRow(scriptLabel, scriptBox);
    addRow(commandForm, tr("Arguments:"), argv);
    addRow(commandForm, tr("Working folder:"), workdir);
    commandForm->addRow(tr("Command line:"), m_preview);
    commandForm->addRow(QString(), m_sample);
    addRow(commandForm, tr("Timeout (s):"), timeout);
    addRow(commandForm, tr("Prune grace (s):"), pruneGrace);
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
    setTitle(command ? tr("Script") : tr("Test function"));
    if (command)
        updatePreview();
    const auto [base, nameDim] = splitName(m_doc->value(objPath("name")).toString());
    Q_UNUSED(nameDim);
    const auto* k = findFunction(base);
    m_dim->editor()->setEnabled(!(k && k->fixedDim > 0));
}

QStringList ObjectiveSection::argvOfDocument() const
{
    QStringList words;
    for (const QJsonValue& v : m_doc->value(objPath("argv")).toArray())
        words << JsonText::display(v);
    return words;
}

QStringList ObjectiveSection::argvOfEditors() const
{
    ScriptCommand c;
    c.interpreter = ShellWords::split(m_interpreter->currentText());
    c.script = m_script->text();
    c.arguments = ShellWords::split(m_arguments->text());
    return c.argv();
}

QString ObjectiveSection::workdirPath() const
{
    const QString w = m_workdir->text();
    return w.isEmpty() ? QDir::currentPath() : QDir::current().absoluteFilePath(w);
}

void ObjectiveSection::updatePreview()
{
    const QJsonObject params = ScriptCommand::sampleParams(m_doc->value({QStringLiteral("search_space")}).toObject());
    QString error;
    const QStringList argv = argvOfDocument();
    const QString line = argv.isEmpty() ? QString() : ScriptCommand::preview(argv, params, &error);
    if (argv.isEmpty())
        m_preview->setText(tr("(choose a script)"));
    else if (line.isEmpty())
        m_preview->setText(tr("(cannot fill in %1)").arg(error));
    else
        m_preview->setText(line);
    QStringList sample;
    for (auto it = params.begin(); it != params.end(); ++it)
        sample << it.key() + QStringLiteral(" = ") + JsonText::display(it.value());
    m_sample->setText(sample.isEmpty()
                          ? tr("The search space has no parameters yet.")
                          : tr("With %1; the trial also gets them as JSON in TW_PARAMS.").arg(sample.join(QStringLiteral(", "))));
}

} // namespace tw::widgets
