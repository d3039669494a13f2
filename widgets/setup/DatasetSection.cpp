#include "setup/DatasetSection.h"

#include "data/SyntheticOptions.h"
#include "setup/AugmentListEditor.h"
#include "setup/ComboBoxDelegate.h"
#include "setup/CsvPreviewModel.h"
#include "setup/JsonText.h"
#include "setup/SpecDocument.h"
#include "setup/SpecErrorPath.h"
#include "setup/SyntheticPreviewPlot.h"
#include "io/DataError.h"
#include "spec/DatasetSpec.h"
#include "spec/SplitSpec.h"
#include "spec/SyntheticSpec.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tw::widgets {

namespace {

const QStringList kSourceKeys = {QStringLiteral("target"), QStringLiteral("columns"),
                                 QStringLiteral("delimiter"), QStringLiteral("header"),
                                 QStringLiteral("synthetic")};
const QStringList kKinds = {QStringLiteral("builtin"), QStringLiteral("csv"),
                            QStringLiteral("synthetic")};

int kindClasses(const QString& kind)
{
    return kind == QLatin1String("spirals") || kind == QLatin1String("blobs") ? 3 : 2;
}

int kindFeatures(const QString& kind)
{
    if (kind == QLatin1String("friedman1"))
        return 10;
    if (kind == QLatin1String("sine"))
        return 1;
    return 2;
}

QString builtinLabel(const QString& name)
{
    static const QHash<QString, QString> labels = {
        {QStringLiteral("iris"), QObject::tr("iris — 150 flowers, 3 classes")},
        {QStringLiteral("wine"), QObject::tr("wine — 178 wines, 3 cultivars")},
        {QStringLiteral("breast_cancer"), QObject::tr("breast_cancer — 569 tumours, 2 classes")},
        {QStringLiteral("digits"), QObject::tr("digits — 1797 8×8 images, 10 classes")},
        {QStringLiteral("diabetes"), QObject::tr("diabetes — 442 patients, regression")},
        {QStringLiteral("fashion_mnist"), QObject::tr("fashion_mnist — 70000 28×28 images")},
    };
    return labels.value(name, name);
}

} // namespace

QString DatasetSection::sourceKind(const QString& source)
{
    const qsizetype colon = source.indexOf(u':');
    const QString scheme = colon < 0 ? QString() : source.left(colon);
    return kKinds.contains(scheme) ? scheme : QString();
}

QStringList DatasetSection::path(const QString& key) const
{
    QStringList p{QStringLiteral("objective"), QStringLiteral("dataset")};
    if (!key.isEmpty())
        p << key.split(u'.');
    return p;
}

DatasetSection::DatasetSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Dataset"), doc, {"objective", "dataset"}, parent)
{
    // --- the source ----------------------------------------------------------------------
    auto* sourceBox = new QWidget(this);
    auto* sourceLayout = new QHBoxLayout(sourceBox);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    m_kindCombo = new QComboBox(sourceBox);
    m_kindCombo->setObjectName("datasetKindCombo");
    m_kindCombo->addItem(tr("Built-in"), kKinds[0]);
    m_kindCombo->addItem(tr("CSV file"), kKinds[1]);
    m_kindCombo->addItem(tr("Synthetic"), kKinds[2]);
    m_kindCombo->setToolTip(tr("Where the data comes from: a dataset bundled with Tunewright, "
                               "your own CSV file, or a generated toy problem."));
    sourceBox->setToolTip(m_kindCombo->toolTip());
    m_sourceStack = new QStackedWidget(sourceBox);
    m_builtinCombo = new QComboBox(m_sourceStack);
    m_builtinCombo->setObjectName("builtinDatasetCombo");
    for (const QString& name : DatasetSpec::builtinNames())
        m_builtinCombo->addItem(builtinLabel(name), name);
    m_builtinCombo->setToolTip(tr("A classic dataset bundled with Tunewright (fashion_mnist "
                                  "needs Debian's dataset-fashion-mnist package)."));
    auto* csvBox = new QWidget(m_sourceStack);
    auto* csvLayout = new QHBoxLayout(csvBox);
    csvLayout->setContentsMargins(0, 0, 0, 0);
    m_csvEdit = new QLineEdit(csvBox);
    m_csvEdit->setObjectName("csvFileEdit");
    m_csvEdit->setPlaceholderText(tr("path/to/data.csv"));
    m_csvEdit->setToolTip(tr("The CSV file to train on; a relative path is relative to the "
                             "spec file's folder."));
    m_browse = new QPushButton(tr("Browse…"), csvBox);
    m_browse->setToolTip(tr("Choose the CSV file."));
    csvLayout->addWidget(m_csvEdit, 1);
    csvLayout->addWidget(m_browse);
    m_syntheticCombo = new QComboBox(m_sourceStack);
    m_syntheticCombo->setObjectName("syntheticDatasetCombo");
    m_syntheticCombo->addItems(DatasetSpec::syntheticKinds());
    m_syntheticCombo->setToolTip(tr("The generator: moons, circles, spirals, blobs and xor are "
                                    "classification problems, friedman1 and sine regression."));
    m_sourceStack->addWidget(m_builtinCombo);
    m_sourceStack->addWidget(csvBox);
    m_sourceStack->addWidget(m_syntheticCombo);
    sourceLayout->addWidget(m_kindCombo);
    sourceLayout->addWidget(m_sourceStack, 1);
    m_sourceField = add(SpecField::custom(m_doc, path("source"), sourceBox,
                                          [this] { loadSource(); }, this));

    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            switchSourceKind(m_kindCombo->currentData().toString());
    });
    connect(m_builtinCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading || m_builtinCombo->currentIndex() < 0)
            return;
        // Another dataset: the old one's target and ignored columns mean nothing here.
        m_doc->remove(path("target"), this);
        m_doc->remove(path("columns"), this);
        setSource(QStringLiteral("builtin:") + m_builtinCombo->currentData().toString());
    });
    connect(m_csvEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!m_loading)
            setSource(QStringLiteral("csv:") + text);
    });
    connect(m_syntheticCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading && m_syntheticCombo->currentIndex() >= 0)
            setSource(QStringLiteral("synthetic:") + m_syntheticCombo->currentText());
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString start = csvPath().isEmpty() ? m_baseDir : QFileInfo(csvPath()).absolutePath();
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Choose a CSV file"), start,
            tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (!file.isEmpty())
            m_csvEdit->setText(file);
    });

    // --- CSV options -----------------------------------------------------------------------
    m_delimiter = choice(path("delimiter"),
                         QList<SpecField::Choice>{{QJsonValue(QJsonValue::Undefined), tr("detect")},
                                                  {QJsonValue(QStringLiteral(",")), tr(", comma")},
                                                  {QJsonValue(QStringLiteral(";")), tr("; semicolon")},
                                                  {QJsonValue(QStringLiteral("\t")), tr("tab")},
                                                  {QJsonValue(QStringLiteral("|")), tr("| pipe")}},
                         {}, tr("The character between fields; detect sniffs it from the first "
                                "lines."));
    m_header = choice(path("header"),
                      QList<SpecField::Choice>{{QJsonValue(QJsonValue::Undefined), tr("detect")},
                                               {QJsonValue(true), tr("yes")},
                                               {QJsonValue(false), tr("no")}},
                      {}, tr("Whether the first row holds the column names."));

    // --- synthetic options -----------------------------------------------------------------
    const SyntheticSpec sd; // the parser's defaults
    const auto kind = [this] {
        return m_doc->value(path("source")).toString().section(u':', 1);
    };
    m_samples = integer(path("synthetic.n_samples"), 2, 10'000'000,
                        SpecField::constant(sd.samples), tr("How many samples to generate."));
    m_noise = number(path("synthetic.noise"), SpecField::constant(sd.noise),
                     tr("Standard deviation of the Gaussian noise added to the points (or to the "
                        "target, for regression)."));
    m_classes = integer(path("synthetic.n_classes"), 2, 1000,
                        [kind] { return QJsonValue(kindClasses(kind())); },
                        tr("Number of classes: the blobs' centres or the spirals' arms."));
    m_features = integer(path("synthetic.n_features"), 1, 10'000,
                         [kind] { return QJsonValue(kindFeatures(kind())); },
                         tr("Number of input features (blobs; friedman1 needs at least 5)."));
    m_factor = number(path("synthetic.factor"), SpecField::constant(sd.factor),
                      tr("Circles: the inner circle's radius over the outer one's, in (0, 1)."));
    m_syntheticSeed = integer(path("synthetic.seed"), 0, INT_MAX, SpecField::constant(0),
                              tr("The generator's seed: the same seed gives the same data."));

    // --- preparation -------------------------------------------------------------------------
    const SplitSpec split;
    auto* missing = choice(path("missing"),
                           QStringList{QStringLiteral("error"), QStringLiteral("drop"),
                                       QStringLiteral("mean"), QStringLiteral("mode")},
                           SpecField::constant(QStringLiteral("error")),
                           tr("What to do with a missing value: stop with an error, drop the row, "
                              "or fill in the column's mean or most frequent value."));
    auto* validation = number(path("split.validation"), SpecField::constant(split.validation),
                              tr("The fraction of the rows held out to score each trial."));
    auto* test = number(path("split.test"), SpecField::constant(split.test),
                        tr("The fraction held out for the final report only; tuning never "
                           "sees it."));
    test->addAlias(path("split"));
    auto* stratify = flag(path("split.stratify"), tr("Keep class proportions in every split"),
                          SpecField::constant(split.stratify),
                          tr("Stratify the split so each part has the same class proportions "
                             "(classification only)."));
    auto* shuffle = flag(path("split.shuffle"), tr("Shuffle the rows before splitting"),
                         SpecField::constant(split.shuffle),
                         tr("Off: the rows keep the file's order (validation and test are the "
                            "last rows; folds are contiguous blocks, as scikit-learn's KFold "
                            "and StratifiedKFold without shuffle)."));
    auto* splitSeed = integer(path("split.seed"), 0, INT_MAX, SpecField::constant(0),
                              tr("The seed of the random split."));
    auto* preprocess = choice(path("preprocess"),
                              QStringList{QStringLiteral("none"), QStringLiteral("standardize"),
                                          QStringLiteral("minmax")},
                              SpecField::constant(QStringLiteral("standardize")),
                              tr("Feature scaling, fitted on the training split only: zero mean "
                                 "and unit variance, or a [0, 1] range."));
    m_augment = new AugmentListEditor(this);
    auto* augment = add(SpecField::custom(
        m_doc, path("augment"), m_augment,
        [this] { m_augment->setEntries(m_doc->value(path("augment")).toArray()); }, this));
    augment->setErrorHandler([this](const QStringList& rest, const QString&) {
        m_augment->markEntry(rest.isEmpty() ? -1 : SpecErrorPath::indexOf(rest.first()));
    });
    connect(m_augment, &AugmentListEditor::edited, this, [this, augment](const QJsonArray& a) {
        m_doc->setValue(path("augment"), a.isEmpty() ? QJsonValue(QJsonValue::Undefined) : a,
                        augment);
    });

    m_form = newForm();
    addRow(m_form, tr("Source:"), m_sourceField);
    addRow(m_form, tr("Delimiter:"), m_delimiter);
    addRow(m_form, tr("Header row:"), m_header);
    addRow(m_form, tr("Samples:"), m_samples);
    addRow(m_form, tr("Noise:"), m_noise);
    addRow(m_form, tr("Classes:"), m_classes);
    addRow(m_form, tr("Features:"), m_features);
    addRow(m_form, tr("Factor:"), m_factor);
    addRow(m_form, tr("Generator seed:"), m_syntheticSeed);
    addRow(m_form, tr("Missing values:"), missing);
    addRow(m_form, tr("Validation fraction:"), validation);
    addRow(m_form, tr("Test fraction:"), test);
    m_form->addRow(QString(), stratify->widget());
    m_form->addRow(QString(), shuffle->widget());
    addRow(m_form, tr("Split seed:"), splitSeed);
    addRow(m_form, tr("Preprocessing:"), preprocess);
    addRow(m_form, tr("Augmentation:"), augment);

    // --- the preview -----------------------------------------------------------------------
    m_preview = new QStackedWidget(this);
    auto* tablePage = new QWidget(this);
    auto* tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    m_previewInfo = new QLabel(tablePage);
    m_previewInfo->setWordWrap(true);
    m_table = new QTableView(tablePage);
    m_previewModel = new CsvPreviewModel(this);
    m_table->setModel(m_previewModel);
    m_table->setItemDelegateForRow(
        CsvPreviewModel::RoleRow,
        new ComboBoxDelegate([](const QModelIndex&) { return CsvPreviewModel::columnRoleNames(); },
                             false, m_table));
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setToolTip(tr("The first rows of the data. Set each column's role in the first "
                           "row: a feature, the target to predict, or ignored."));
    tablePage->setToolTip(m_table->toolTip());
    tableLayout->addWidget(m_previewInfo);
    tableLayout->addWidget(m_table, 1);
    m_targetField = add(SpecField::custom(m_doc, path("target"), tablePage,
                                          [this] { applyRolesFromDocument(); }, this));
    m_targetField->addAlias(path("columns"));
    connect(m_previewModel, &CsvPreviewModel::rolesEdited, this, &DatasetSection::writeRoles);
    connect(m_previewModel, &QAbstractItemModel::modelReset, this, &DatasetSection::openRoleEditors);

    m_plot = new SyntheticPreviewPlot(this);
    m_previewText = new QLabel(this);
    m_previewText->setWordWrap(true);
    m_previewText->setAlignment(Qt::AlignCenter);
    m_previewText->setEnabled(false);
    m_preview->addWidget(m_targetField->widget());
    m_preview->addWidget(m_plot);
    m_preview->addWidget(m_previewText);
    m_preview->setMinimumWidth(360);

    auto* left = new QWidget(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    left->setLayout(m_form);
    left->setMinimumWidth(420);
    left->setMaximumWidth(560);
    auto* columns = new QHBoxLayout;
    columns->addWidget(left, 0, Qt::AlignTop);
    columns->addSpacing(12);
    columns->addWidget(m_preview, 1);
    m_layout->addLayout(columns);
}

void DatasetSection::documentReset()
{
    m_stash.clear();
    m_previewKey.clear();
}

void DatasetSection::loadSource()
{
    m_loading = true;
    const QString source = m_doc->value(path("source")).toString();
    const QString kind = sourceKind(source);
    const QString rest = source.section(u':', 1);
    const int k = static_cast<int>(kKinds.indexOf(kind));
    if (k >= 0) {
        m_kindCombo->setCurrentIndex(k);
        m_sourceStack->setCurrentIndex(k);
    }
    if (kind == QLatin1String("builtin"))
        m_builtinCombo->setCurrentIndex(m_builtinCombo->findData(rest));
    else if (kind == QLatin1String("csv") && m_csvEdit->text() != rest)
        m_csvEdit->setText(rest);
    else if (kind == QLatin1String("synthetic"))
        m_syntheticCombo->setCurrentIndex(m_syntheticCombo->findText(rest));
    m_loading = false;
}

void DatasetSection::setSource(const QString& source)
{
    m_doc->setValue(path("source"), source, this);
}

void DatasetSection::switchSourceKind(const QString& kind)
{
    QJsonObject ds = m_doc->value(path({})).toObject();
    const QString oldSource = ds.value(QStringLiteral("source")).toString();
    QJsonObject kept{{QStringLiteral("source"), oldSource}};
    for (const QString& key : kSourceKeys) {
        if (ds.contains(key))
            kept.insert(key, ds.value(key));
        ds.remove(key);
    }
    m_stash.insert(sourceKind(oldSource), kept);
    const QJsonObject restore = m_stash.value(kind);
    QString source = restore.value(QStringLiteral("source")).toString();
    if (source.isEmpty()) {
        if (kind == QLatin1String("builtin"))
            source = QStringLiteral("builtin:") + (m_builtinCombo->currentIndex() >= 0
                                                       ? m_builtinCombo->currentData().toString()
                                                       : QStringLiteral("iris"));
        else if (kind == QLatin1String("csv"))
            source = QStringLiteral("csv:") + m_csvEdit->text();
        else
            source = QStringLiteral("synthetic:") + (m_syntheticCombo->currentIndex() >= 0
                                                         ? m_syntheticCombo->currentText()
                                                         : QStringLiteral("moons"));
    }
    for (const QString& key : kSourceKeys)
        if (restore.contains(key))
            ds.insert(key, restore.value(key));
    ds.insert(QStringLiteral("source"), source);
    m_doc->setValue(path({}), ds, this);
}

QString DatasetSection::csvPath() const
{
    const QString source = m_doc->value(path("source")).toString();
    if (sourceKind(source) != QLatin1String("csv"))
        return {};
    const QString file = source.mid(4).trimmed();
    if (file.isEmpty())
        return {};
    if (QFileInfo(file).isAbsolute() || m_baseDir.isEmpty())
        return QDir::cleanPath(file);
    return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(file));
}

void DatasetSection::refresh()
{
    const QString source = m_doc->value(path("source")).toString();
    const QString kind = sourceKind(source);
    const QString synth = kind == QLatin1String("synthetic") ? source.section(u':', 1) : QString();
    const bool csv = kind == QLatin1String("csv");
    const bool synthetic = !synth.isNull();
    setRowVisible(m_form, m_delimiter, csv);
    setRowVisible(m_form, m_header, csv);
    for (SpecField* f : {m_samples, m_noise, m_syntheticSeed})
        setRowVisible(m_form, f, synthetic);
    setRowVisible(m_form, m_classes,
                  synth == QLatin1String("blobs") || synth == QLatin1String("spirals"));
    setRowVisible(m_form, m_features,
                  synth == QLatin1String("blobs") || synth == QLatin1String("friedman1"));
    setRowVisible(m_form, m_factor, synth == QLatin1String("circles"));
}

QString DatasetSection::previewMessage() const
{
    if (m_preview->currentWidget() == m_previewText)
        return m_previewText->text();
    if (m_preview->currentWidget() == m_plot)
        return m_plot->message();
    return {};
}

void DatasetSection::showTable(const QString& info)
{
    m_previewInfo->setText(info);
    m_preview->setCurrentWidget(m_targetField->widget());
}

void DatasetSection::showMessage(const QString& text)
{
    m_previewText->setText(text);
    m_preview->setCurrentWidget(m_previewText);
}

void DatasetSection::refreshPreviews()
{
    const QString source = m_doc->value(path("source")).toString();
    const QString kind = sourceKind(source);
    const QString rest = source.section(u':', 1);
    if (kind == QLatin1String("synthetic")) {
        const auto num = [this](SpecField* f, double fallback) {
            const QJsonValue v = f->effectiveValue();
            return v.isDouble() && std::isfinite(v.toDouble()) ? v.toDouble() : fallback;
        };
        SyntheticOptions o;
        o.kind = rest.toStdString();
        o.samples = static_cast<int>(num(m_samples, 1000));
        o.noise = num(m_noise, 0.1);
        o.classes = static_cast<int>(num(m_classes, kindClasses(rest)));
        o.features = static_cast<int>(num(m_features, kindFeatures(rest)));
        o.factor = num(m_factor, 0.5);
        o.seed = static_cast<std::uint64_t>(std::max(0.0, num(m_syntheticSeed, 0)));
        const QString key = QStringLiteral("synthetic|%1|%2|%3|%4|%5|%6|%7")
                                .arg(rest)
                                .arg(o.samples)
                                .arg(o.noise)
                                .arg(o.classes)
                                .arg(o.features)
                                .arg(o.factor)
                                .arg(o.seed);
        if (key != m_previewKey) {
            m_previewKey = key;
            m_plot->setOptions(o);
        }
        m_preview->setCurrentWidget(m_plot);
        return;
    }
    QString file;
    QString shownName;
    CsvOptions options; // as SpecDataLoader::csvOptions maps the spec's delimiter and header
    if (kind == QLatin1String("builtin")) {
        file = QStringLiteral(":/datasets/%1.csv").arg(rest);
        shownName = rest;
        if (!QFileInfo::exists(file)) {
            m_previewKey.clear();
            showMessage(rest == QLatin1String("fashion_mnist")
                            ? tr("Fashion-MNIST is read from Debian's dataset-fashion-mnist "
                                 "package when a trial starts: 28×28 grey images in 10 classes. "
                                 "There is no table to preview.")
                            : tr("No preview for this source."));
            return;
        }
    } else if (kind == QLatin1String("csv")) {
        file = csvPath();
        shownName = QFileInfo(file).fileName();
        if (file.isEmpty()) {
            m_previewKey.clear();
            showMessage(tr("Choose a CSV file to see its first rows here."));
            return;
        }
        const QJsonValue d = m_doc->value(path("delimiter"));
        if (d.isString() && d.toString().size() == 1 && d.toString().at(0).unicode() < 0x80)
            options.delimiter = d.toString().at(0).toLatin1();
        const QJsonValue h = m_doc->value(path("header"));
        if (h.isBool())
            options.header = h.toBool() ? HeaderMode::Present : HeaderMode::Absent;
    } else {
        m_previewKey.clear();
        showMessage(tr("No preview: the source is not valid."));
        return;
    }
    const QString key = QStringLiteral("table|%1|%2|%3")
                            .arg(file)
                            .arg(int(options.delimiter))
                            .arg(int(options.header));
    if (key == m_previewKey)
        return;
    m_previewKey = key;
    CsvHead preview;
    try {
        preview = CsvHead::read(file, options);
    } catch (const DataError& e) {
        m_previewModel->setPreview(CsvHead());
        // A built-in's path is a resource: name the dataset instead.
        showMessage(kind == QLatin1String("builtin")
                        ? QStringLiteral("%1: %2").arg(shownName, QString::fromStdString(e.detail()))
                        : QString::fromStdString(e.what()));
        return;
    }
    m_previewModel->setPreview(preview);
    applyRolesFromDocument();
    const char d = preview.layout.delimiter;
    const QString delimiter = d == '\t' ? tr("tab") : QStringLiteral("“%1”").arg(QChar::fromLatin1(d));
    showTable(tr("%1: %2 %3 rows and %4 columns · delimiter %5 · %6")
                  .arg(shownName, preview.truncated ? tr("the first") : tr("all"))
                  .arg(preview.rows.size())
                  .arg(preview.columns.size())
                  .arg(delimiter,
                       preview.layout.header ? tr("header row") : tr("no header row")));
}

void DatasetSection::applyRolesFromDocument()
{
    const int columns = m_previewModel->columnCount();
    if (columns == 0)
        return;
    int target = columns - 1; // the reader's default: the last column
    const QJsonValue t = m_doc->valueOrAbsent(path("target"));
    if (t.isString())
        target = m_previewModel->columnOf(t.toString());
    else if (t.isDouble())
        target = static_cast<int>(t.toDouble());
    QSet<int> ignored;
    for (const QJsonValue& v : m_doc->value(path("columns.ignore")).toArray()) {
        if (v.isString())
            ignored.insert(m_previewModel->columnOf(v.toString()));
        else if (v.isDouble())
            ignored.insert(static_cast<int>(v.toDouble()));
    }
    m_previewModel->setRoles(target, ignored);
}

void DatasetSection::writeRoles()
{
    const bool names = m_previewModel->preview().layout.header;
    const auto ref = [&](int c) {
        return names ? QJsonValue(m_previewModel->columnName(c)) : QJsonValue(c);
    };
    const int target = m_previewModel->targetColumn();
    m_doc->setValue(path("target"), target >= 0 ? ref(target) : QJsonValue(QJsonValue::Undefined),
                    m_targetField);
    QJsonArray ignore;
    for (int c : m_previewModel->ignoredColumns())
        ignore.append(ref(c));
    m_doc->setValue(path("columns"),
                    ignore.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                     : QJsonValue(QJsonObject{{QStringLiteral("ignore"), ignore}}),
                    m_targetField);
}

void DatasetSection::openRoleEditors()
{
    const int comboHeight = QComboBox().sizeHint().height();
    for (int c = 0; c < m_previewModel->columnCount(); ++c)
        m_table->openPersistentEditor(m_previewModel->index(CsvPreviewModel::RoleRow, c));
    m_table->resizeColumnsToContents();
    const int minWidth = m_table->fontMetrics().horizontalAdvance(QStringLiteral("feature")) + 48;
    for (int c = 0; c < m_previewModel->columnCount(); ++c)
        m_table->setColumnWidth(c, std::clamp(m_table->columnWidth(c), minWidth, 220));
    m_table->setRowHeight(CsvPreviewModel::RoleRow, comboHeight + 2);
}

} // namespace tw::widgets
