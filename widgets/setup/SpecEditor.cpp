#include "setup/SpecEditor.h"

#include "setup/DatasetSection.h"
#include "setup/ErrorStyle.h"
#include "setup/ModelSection.h"
#include "setup/ObjectiveSection.h"
#include "setup/SearchSpaceModel.h"
#include "setup/SearchSpaceSection.h"
#include "setup/SpecDocument.h"
#include "setup/SpecErrorPath.h"
#include "setup/SpecField.h"
#include "setup/StudySection.h"
#include "setup/StudySettingsSection.h"
#include "setup/TrainingSection.h"
#include "io/FileReader.h"
#include "io/FileWriter.h"
#include "spec/ParamsJson.h"
#include "objectives/SpecDataCheck.h"
#include "spec/StrictJson.h"
#include "spec/StudySpecParser.h"

#include <QDir>
#include <QFrame>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

QString absolute(const QString& dir, const QString& path)
{
    if (QFileInfo(path).isAbsolute())
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(dir).absoluteFilePath(path));
}

QJsonValue absoluteSource(const QString& dir, const QJsonValue& v)
{
    const QString s = v.toString();
    if (!v.isString() || !s.startsWith(QLatin1String("csv:")) || s.size() <= 4)
        return v;
    return QStringLiteral("csv:") + absolute(dir, s.mid(4));
}

// What StudySpec::resolvePaths does to a parsed spec, done on the JSON itself, so a spec
// with problems is resolved as well.
void resolvePaths(QJsonObject& doc, const QString& dir)
{
    QJsonObject objective = doc.value(QStringLiteral("objective")).toObject();
    const QString type = objective.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("train")) {
        QJsonObject ds = objective.value(QStringLiteral("dataset")).toObject();
        if (ds.contains(QStringLiteral("source"))) {
            ds.insert(QStringLiteral("source"), absoluteSource(dir, ds.value(QStringLiteral("source"))));
            objective.insert(QStringLiteral("dataset"), ds);
        }
        QJsonObject space = doc.value(QStringLiteral("search_space")).toObject();
        const QString key = QStringLiteral("dataset.source");
        if (space.value(key).isObject()) {
            QJsonObject p = space.value(key).toObject();
            if (p.value(QStringLiteral("choices")).isArray()) {
                QJsonArray choices = p.value(QStringLiteral("choices")).toArray();
                for (qsizetype i = 0; i < choices.size(); ++i)
                    choices[i] = absoluteSource(dir, choices.at(i));
                p.insert(QStringLiteral("choices"), choices);
            }
            if (p.contains(QStringLiteral("value")))
                p.insert(QStringLiteral("value"), absoluteSource(dir, p.value(QStringLiteral("value"))));
            space.insert(key, p);
            doc.insert(QStringLiteral("search_space"), space);
        }
    } else if (type == QLatin1String("command")) {
        const QJsonValue w = objective.value(QStringLiteral("workdir"));
        if (w.isUndefined() || w.isNull() || (w.isString() && !w.toString().isEmpty()))
            objective.insert(QStringLiteral("workdir"),
                             absolute(dir, w.isString() ? w.toString() : QStringLiteral(".")));
    } else {
        return;
    }
    doc.insert(QStringLiteral("objective"), objective);
}

} // namespace

SpecEditor::SpecEditor(QWidget* parent)
    : QWidget(parent)
    , m_doc(new SpecDocument(this))
{
    m_study = new StudySection(m_doc, this);
    m_dataset = new DatasetSection(m_doc, this);
    m_model = new ModelSection(m_doc, this);
    m_training = new TrainingSection(m_doc, this);
    m_objective = new ObjectiveSection(m_doc, this);
    m_search = new SearchSpaceSection(m_doc, this);
    m_settings = new StudySettingsSection(m_doc, this);
    m_sections = {m_study, m_dataset, m_model, m_training, m_objective, m_search, m_settings};

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->setSpacing(10);
    column->addWidget(m_study);
    m_trainBox = new QWidget(content);
    auto* train = new QVBoxLayout(m_trainBox);
    train->setContentsMargins(0, 0, 0, 0);
    train->setSpacing(10);
    train->addWidget(m_dataset);
    // Model beside Training; a CNN's blocks need the width, so then Training goes below.
    m_modelRow = new QBoxLayout(QBoxLayout::LeftToRight);
    m_modelRow->setSpacing(10);
    m_modelRow->addWidget(m_model, 1);
    m_modelRow->addWidget(m_training, 3);
    train->addLayout(m_modelRow);
    column->addWidget(m_trainBox);
    column->addWidget(m_objective);
    column->addWidget(m_search, 1);
    column->addWidget(m_settings);
    column->addStretch(0);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(content);

    auto* summaryRow = new QHBoxLayout;
    summaryRow->setContentsMargins(10, 8, 10, 8);
    summaryRow->setSpacing(8);
    m_summaryIcon = new QLabel(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_summary, &QLabel::linkActivated, this, [this] { showErrorField(); });
    summaryRow->addWidget(m_summaryIcon, 0, Qt::AlignTop);
    summaryRow->addWidget(m_summary, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(summaryRow);
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_scroll, 1);

    m_timer.setSingleShot(true);
    m_timer.setInterval(150);
    connect(&m_timer, &QTimer::timeout, this, &SpecEditor::validateNow);
    connect(m_doc, &SpecDocument::edited, this,
            [this](const QStringList&, QObject* origin) { onEdited(origin); });
    connect(m_doc, &SpecDocument::resetDone, this, &SpecEditor::onReset);

    setSpec(defaultSpec());
}

SpecEditor::~SpecEditor()
{
    // Closing the window may commit an open cell editor: nothing may reach the sections then.
    m_timer.stop();
    disconnect(m_doc, nullptr, this, nullptr);
    m_doc->blockSignals(true);
}

QJsonObject SpecEditor::defaultSpec()
{
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("iris-mlp")},
        {QStringLiteral("metric"), QStringLiteral("val_accuracy")},
        {QStringLiteral("objective"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("train")},
                     {QStringLiteral("dataset"),
                      QJsonObject{{QStringLiteral("source"), QStringLiteral("builtin:iris")}}},
                     {QStringLiteral("model"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("mlp")},
                                  {QStringLiteral("hidden"), QJsonArray{32}}}},
                     // The search space's training.* keys need the object to exist.
                     {QStringLiteral("training"),
                      QJsonObject{{QStringLiteral("epochs"), 30}}}}},
        {QStringLiteral("search_space"),
         QJsonObject{{QStringLiteral("training.learning_rate"),
                      SearchSpaceModel::templateFor(QStringLiteral("training.learning_rate"))}}},
        {QStringLiteral("budget"), QJsonObject{{QStringLiteral("trials"), 20}}},
    };
}

void SpecEditor::setSpec(const QJsonObject& spec)
{
    m_doc->reset(spec);
}

QJsonObject SpecEditor::spec() const
{
    return m_doc->json();
}

void SpecEditor::setBaseDir(const QString& dir)
{
    m_baseDir = dir;
    m_dataset->setBaseDir(dir);
}

QList<SpecField*> SpecEditor::fields() const
{
    QList<SpecField*> out;
    for (const SpecSection* s : m_sections)
        out += s->fields();
    return out;
}

SpecField* SpecEditor::field(const QStringList& path) const
{
    SpecField* any = nullptr;
    for (SpecField* f : fields())
        if (f->path() == path) {
            if (f->widget()->isVisibleTo(this))
                return f;
            if (!any)
                any = f;
        }
    return any;
}

SearchSpaceModel* SpecEditor::searchSpaceModel() const
{
    return m_search->model();
}

QTableView* SpecEditor::searchSpaceTable() const
{
    return m_search->table();
}

QLabel* SpecEditor::searchSpaceMessage() const
{
    return m_search->messageLabel();
}

CsvPreviewModel* SpecEditor::csvPreviewModel() const
{
    return m_dataset->previewModel();
}

LayerListEditor* SpecEditor::layerEditor() const
{
    return m_model->layerEditor();
}

ConvBlockEditor* SpecEditor::convEditor() const
{
    return m_model->convEditor();
}

void SpecEditor::loadFields(QObject* origin)
{
    for (SpecField* f : fields())
        if (f != origin)
            f->load();
}

void SpecEditor::refreshSections()
{
    const QString type = m_doc->value({QStringLiteral("objective"), QStringLiteral("type")}).toString();
    const bool train = type == QLatin1String("train");
    m_trainBox->setVisible(train);
    m_objective->setVisible(type == QLatin1String("command") || type == QLatin1String("function"));
    for (SpecSection* s : m_sections)
        s->refresh();
    const bool wide = m_model->wantsFullWidth();
    m_modelRow->setDirection(wide ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_modelRow->setStretch(0, wide ? 0 : 1);
    m_modelRow->setStretch(1, wide ? 0 : 3);
}

void SpecEditor::onReset()
{
    for (SpecSection* s : m_sections)
        s->documentReset();
    loadFields(nullptr);
    refreshSections();
    m_pendingChange = false;
    validateNow();
}

void SpecEditor::onEdited(QObject* origin)
{
    m_pendingChange = true;
    loadFields(origin);
    refreshSections();
    m_timer.start();
}

bool SpecEditor::isValid()
{
    if (m_timer.isActive())
        validateNow();
    return m_valid;
}

void SpecEditor::validateNow()
{
    m_timer.stop();
    if (m_pendingChange) {
        m_pendingChange = false;
        emit specChanged(m_doc->json());
    }
    const auto parsed = StudySpecParser::parseObject(m_doc->json(), QString(), m_baseDir);
    // A valid spec whose CSV is missing, or lacks its target, would fail every trial (#13).
    const QString error = parsed.ok() ? SpecDataCheck::check(*parsed) : parsed.error();
    const bool valid = error.isEmpty();
    for (SpecSection* s : m_sections)
        s->refreshPreviews();
    if (valid) {
        const QString sampler =
            m_doc->value({QStringLiteral("sampler"), QStringLiteral("type")}).toString();
        const qsizetype params = parsed->searchSpace.params.size();
        showError(QString());
        const int trials = parsed->budget.trials;
        showSummary(tr("The spec is valid: %1 to tune, %2 sampler, %3.")
                        .arg(params == 1 ? tr("1 parameter") : tr("%1 parameters").arg(params),
                             sampler.isEmpty() ? QStringLiteral("tpe") : sampler,
                             trials == 1 ? tr("1 trial") : tr("%1 trials").arg(trials)));
    } else {
        showError(error);
    }
    const bool changed = !m_validityKnown || valid != m_valid || error != m_error;
    m_valid = valid;
    m_error = error;
    m_validityKnown = true;
    if (changed)
        emit validityChanged(m_valid, m_error);
}

void SpecEditor::showSummary(const QString& validSummary)
{
    m_summaryIcon->setPixmap(style()->standardIcon(QStyle::SP_DialogApplyButton).pixmap(16, 16));
    m_summary->setPalette(palette());
    m_summary->setText(validSummary.toHtmlEscaped());
}

void SpecEditor::showError(const QString& text)
{
    SpecField* target = nullptr;
    QStringList rest;
    QString message = text;
    const auto parsed = SpecErrorPath::parse(text);
    if (parsed) {
        qsizetype best = -1;
        for (SpecField* f : fields()) {
            if (!f->widget()->isVisibleTo(this))
                continue; // a hidden row cannot show it; a wider field or the summary will
            for (const QStringList& p : f->paths())
                // On a tie the later field wins: sections register their own label first.
                if (!p.isEmpty() && p.size() >= best && SpecErrorPath::startsWith(parsed->path, p)) {
                    best = p.size();
                    target = f;
                    rest = parsed->path.mid(p.size());
                }
        }
        message = parsed->message;
    }
    for (SpecField* f : fields())
        if (f != target && !f->errorText().isEmpty())
            f->clearError();
    m_errorField = target;
    if (text.isEmpty())
        return;
    if (target)
        target->showError(rest, rest.isEmpty() ? message : text);

    m_summaryIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    QPalette p = palette();
    p.setColor(QPalette::WindowText, ErrorStyle::text(p));
    m_summary->setPalette(p);
    QString html = text.toHtmlEscaped();
    if (target)
        html += QStringLiteral(" &nbsp;<a href=\"show\">%1</a>").arg(tr("Show"));
    m_summary->setText(html);
}

void SpecEditor::showErrorField()
{
    if (!m_errorField)
        return;
    m_scroll->ensureWidgetVisible(m_errorField->widget(), 20, 40);
    m_errorField->editor()->setFocus(Qt::OtherFocusReason);
}

QStringList SpecEditor::sectionNames()
{
    return {QStringLiteral("study"),     QStringLiteral("dataset"), QStringLiteral("model"),
            QStringLiteral("training"),  QStringLiteral("objective"), QStringLiteral("search"),
            QStringLiteral("settings")};
}

bool SpecEditor::showSection(const QString& name)
{
    const qsizetype i = sectionNames().indexOf(name);
    if (i < 0)
        return false;
    QWidget* section = m_sections.at(i);
    m_scroll->verticalScrollBar()->setValue(section->mapTo(m_scroll->widget(), QPoint(0, 0)).y() - 8);
    return true;
}

void SpecEditor::writeShownValues()
{
    for (SpecField* f : fields())
        if (f->widget()->isVisibleTo(this) && f->editor()->isEnabled())
            f->commit();
    validateNow();
}

QString SpecEditor::importSpec(const QString& fileName)
{
    const auto read = FileReader::readAll(fileName);
    if (!read)
        return read.error();
    const QByteArray& bytes = read.value();
    const auto parsed = StrictJson::parse(bytes, fileName); // duplicate keys are errors (#13)
    if (!parsed)
        return parsed.error();
    const QJsonDocument& doc = *parsed;
    if (!doc.isObject())
        return tr("%1: expected a JSON object at the top level, got %2")
            .arg(fileName, doc.isArray() ? tr("an array") : tr("nothing"));
    QJsonObject spec = doc.object();
    const QString dir = QFileInfo(fileName).absolutePath();
    resolvePaths(spec, dir);
    const QJsonValue name = spec.value(QStringLiteral("name"));
    if (name.isUndefined() || name.isNull()) {
        const QString base = QFileInfo(fileName).completeBaseName();
        spec.insert(QStringLiteral("name"), base.trimmed().isEmpty() ? QStringLiteral("study") : base);
    }
    setBaseDir(dir);
    setSpec(spec);
    return {};
}

QString SpecEditor::exportSpec(const QString& fileName) const
{
    return FileWriter::write(fileName, QJsonDocument(m_doc->json()).toJson(QJsonDocument::Indented));
}

} // namespace tw::widgets
