#include "setup/ModelSection.h"

#include "setup/ConvBlockEditor.h"
#include "setup/LayerListEditor.h"
#include "setup/SpecDocument.h"
#include "setup/SpecErrorPath.h"
#include "objectives/ModelPreview.h"
#include "spec/ModelSpec.h"

#include <QBoxLayout>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>

namespace tw::widgets {

namespace {

QStringList modelPath(const QString& key)
{
    return {QStringLiteral("objective"), QStringLiteral("model"), key};
}

// The keys only a CNN reads.
const QStringList& cnnKeys()
{
    static const QStringList keys = {QStringLiteral("conv"), QStringLiteral("pool_type"),
                                     QStringLiteral("global_pool")};
    return keys;
}

// "1x28x28" as the form writes shapes, "1×28×28".
QString shapeText(const ImageShape& s)
{
    return QString::fromStdString(s.toString()).replace(u'x', QChar(0x00d7));
}

QJsonArray toJson(const std::vector<int>& v)
{
    QJsonArray a;
    for (int i : v)
        a.append(i);
    return a;
}

} // namespace

ModelSection::ModelSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Model"), doc, {"objective", "model"}, parent)
{
    const ModelSpec d; // the parser's defaults
    m_type = choice(modelPath("type"),
                    QList<SpecField::Choice>{
                        {QJsonValue(QStringLiteral("linear")), tr("linear — linear regression")},
                        {QJsonValue(QStringLiteral("logistic")), tr("logistic — binary classes")},
                        {QJsonValue(QStringLiteral("softmax")), tr("softmax — several classes")},
                        {QJsonValue(QStringLiteral("mlp")), tr("mlp — neural network")},
                        {QJsonValue(QStringLiteral("cnn")), tr("cnn — convolutional network (images)")}},
                    SpecField::constant(QStringLiteral("mlp")),
                    tr("The model: a linear model, a multi-layer perceptron with hidden layers that "
                       "can fit non-linear patterns, or a convolutional network for images."));
    connect(m_type, &SpecField::edited, this, &ModelSection::typeEdited);

    m_layers = new LayerListEditor(this);
    m_hidden = add(SpecField::custom(
        m_doc, modelPath("hidden"), m_layers,
        [this] {
            const QJsonValue v = m_doc->valueOrAbsent(modelPath("hidden"));
            // The parser's defaults: [64] for an MLP, [128] after a CNN's blocks.
            m_layers->setLayers(v.isUndefined() ? QJsonValue(toJson(isCnn() ? std::vector<int>{128} : ModelSpec().hidden))
                                                : v);
        },
        this));
    m_hidden->setErrorHandler([this](const QStringList& rest, const QString&) {
        if (!rest.isEmpty())
            m_layers->selectLayer(SpecErrorPath::indexOf(rest.first()));
    });
    connect(m_layers, &LayerListEditor::edited, this, [this](const QJsonArray& layers) {
        m_doc->setValue(modelPath("hidden"), layers, m_hidden);
    });

    m_conv = new ConvBlockEditor(this);
    m_convField = add(SpecField::custom(
        m_doc, modelPath("conv"), m_conv,
        [this] {
            const QJsonValue v = m_doc->valueOrAbsent(modelPath("conv"));
            if (!v.isUndefined()) {
                m_conv->setBlocks(v.toArray());
                return;
            }
            QJsonArray def; // the parser's default blocks, shown until edited
            for (const ConvBlockSpec& b : ModelSpec().conv)
                def.append(QJsonObject{{QStringLiteral("filters"), b.filters},
                                       {QStringLiteral("kernel"), b.kernel},
                                       {QStringLiteral("padding"),
                                        b.padding == ConvBlockSpec::Padding::Valid ? QStringLiteral("valid")
                                                                                   : QStringLiteral("same")},
                                       {QStringLiteral("pool"), b.pool}});
            m_conv->setBlocks(def);
        },
        this));
    m_convField->setErrorHandler([this](const QStringList& rest, const QString& message) {
        const int block = rest.isEmpty() ? -1 : SpecErrorPath::indexOf(rest.first());
        // A block's problem shows under its row, not again under the whole list.
        if (block >= 0) {
            const QStringList key = rest.mid(1);
            const auto parsed = SpecErrorPath::parse(message);
            m_conv->markBlock(block, parsed ? (key.isEmpty() ? QString() : key.join(u'.') + QStringLiteral(": ")) +
                                                  parsed->message
                                            : message);
            m_convField->errorLabel()->hide();
        } else {
            m_conv->markBlock(-1, QString());
        }
    });
    connect(m_conv, &ConvBlockEditor::edited, this, [this](const QJsonArray& blocks) {
        m_doc->setValue(modelPath("conv"), blocks, m_convField);
    });
    m_poolType = choice(modelPath("pool_type"), QStringList{QStringLiteral("max"), QStringLiteral("avg")},
                        SpecField::constant(QStringLiteral("max")),
                        tr("How the blocks pool: the largest value of each window, or its mean."));
    m_globalPool = flag(modelPath("global_pool"), tr("Global average pooling"), SpecField::constant(d.globalPool),
                        tr("Average each channel of the last map into one value instead of flattening "
                           "it: far fewer dense weights."));

    m_activation = choice(modelPath("activation"),
                          QStringList{QStringLiteral("relu"), QStringLiteral("leaky_relu"),
                                      QStringLiteral("tanh"), QStringLiteral("sigmoid"),
                                      QStringLiteral("gelu")},
                          SpecField::constant(QStringLiteral("relu")),
                          tr("The non-linearity after each hidden layer; relu is a sound default."));
    m_leakySlope = number(modelPath("leaky_slope"), SpecField::constant(d.leakySlope),
                          tr("The slope leaky_relu keeps for negative inputs."));
    m_dropout = number(modelPath("dropout"), SpecField::constant(d.dropout),
                       tr("The fraction of hidden units zeroed at random during training, to "
                          "reduce overfitting; 0 turns it off."));
    m_batchNorm = flag(modelPath("batch_norm"), tr("Batch normalisation"),
                       SpecField::constant(d.batchNorm),
                       tr("Normalise each hidden layer's activations over the mini-batch, which "
                          "often allows higher learning rates."));
    m_init = choice(modelPath("init"),
                    QStringList{QStringLiteral("auto"), QStringLiteral("he"),
                                QStringLiteral("xavier")},
                    SpecField::constant(QStringLiteral("auto")),
                    tr("How the weights start: He suits ReLU-like activations, Xavier tanh and "
                       "sigmoid; auto picks by activation."));

    m_form = newForm();
    addRow(m_form, tr("Type:"), m_type);
    addRow(m_form, tr("Hidden layers:"), m_hidden);
    addRow(m_form, tr("Activation:"), m_activation);
    addRow(m_form, tr("Leaky slope:"), m_leakySlope);
    addRow(m_form, tr("Dropout:"), m_dropout);
    m_form->addRow(QString(), m_batchNorm->widget());
    addRow(m_form, tr("Initialisation:"), m_init);
    m_convForm = newForm();
    m_convForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow); // the blocks, not the combo
    addRow(m_convForm, tr("Conv blocks:"), m_convField);
    addRow(m_convForm, tr("Pooling:"), m_poolType);
    m_convForm->addRow(QString(), m_globalPool->widget());
    m_body = new QBoxLayout(QBoxLayout::TopToBottom);
    m_body->addLayout(m_form);
    m_body->addLayout(m_convForm);
    m_layout->addLayout(m_body);
    m_layout->addStretch(1);
}

bool ModelSection::isCnn() const
{
    return m_type->effectiveValue().toString() == QLatin1String("cnn");
}

bool ModelSection::wantsFullWidth() const
{
    return isCnn();
}

void ModelSection::typeEdited()
{
    // The parser takes every key whatever the type, but an MLP's spec should not carry
    // conv blocks it ignores: they wait here until the type is cnn again.
    const QStringList model = {QStringLiteral("objective"), QStringLiteral("model")};
    QJsonObject obj = m_doc->value(model).toObject();
    if (isCnn()) {
        for (auto it = m_cnnStash.begin(); it != m_cnnStash.end(); ++it)
            if (!obj.contains(it.key()))
                obj.insert(it.key(), it.value());
        m_cnnStash = {};
    } else {
        for (const QString& key : cnnKeys())
            if (obj.contains(key)) {
                m_cnnStash.insert(key, obj.value(key));
                obj.remove(key);
            }
    }
    m_doc->setValue(model, obj, this);
}

void ModelSection::refresh()
{
    const QJsonValue type = m_type->effectiveValue();
    const bool cnn = isCnn();
    const bool layered = type.toString() == QLatin1String("mlp") || cnn;
    for (SpecField* f : {m_hidden, m_activation, m_dropout, m_batchNorm, m_init})
        setRowVisible(m_form, f, layered);
    setRowVisible(m_form, m_leakySlope,
                  layered && m_activation->effectiveValue().toString() == QLatin1String("leaky_relu"));
    for (SpecField* f : {m_convField, m_poolType, m_globalPool})
        setRowVisible(m_convForm, f, cnn);
    m_body->setDirection(cnn ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // Not the box's spacing: the forms inherit it for their rows.
    m_convForm->setContentsMargins(cnn ? 12 : 0, 0, 0, 0);
    m_body->setStretch(0, cnn ? 2 : 0);
    m_body->setStretch(1, cnn ? 3 : 0);
    if (cnn)
        refreshConv();
}

void ModelSection::refreshConv()
{
    const ModelPreview p = ModelPreview::of(m_doc->value({QStringLiteral("objective")}).toObject());
    const QLocale locale;
    if (p.input)
        m_conv->setInput(tr("Input %1 · %2").arg(shapeText(*p.input), p.source));
    else
        m_conv->setInput(tr("Input: %1 has no image shape").arg(p.source.isEmpty() ? tr("the dataset") : p.source));
    for (int i = 0; i < m_conv->count(); ++i) {
        if (i < static_cast<int>(p.shapes.size())) {
            const ImageShape& s = p.shapes[static_cast<size_t>(i)];
            m_conv->setShape(i, s.isValid() ? QStringLiteral("→ ") + shapeText(s) : ConvBlockEditor::tooSmallText(),
                             !s.isValid());
        } else {
            m_conv->setShape(i, QStringLiteral("→ ?"), p.input.has_value());
        }
    }
    QString summary;
    if (p.denseInputs) {
        const bool global = m_globalPool->effectiveValue().toBool();
        summary = global ? tr("Global pooling → %1 values to the dense layers").arg(locale.toString(*p.denseInputs))
                         : tr("Flatten → %1 values to the dense layers").arg(locale.toString(*p.denseInputs));
    }
    if (p.parameters) {
        const QString count = locale.toString(*p.parameters);
        summary += (summary.isEmpty() ? QString() : QStringLiteral(" · ")) +
                   (p.classes > 0 ? tr("%1 parameters (%2 classes)").arg(count).arg(p.classes)
                                  : tr("%1 parameters before the output layer (its size depends on the "
                                       "data's classes)")
                                        .arg(count));
    }
    m_conv->setSummary(summary);
}

} // namespace tw::widgets
