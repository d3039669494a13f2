#include "setup/TrainingSection.h"

#include "setup/SpecDocument.h"
#include "spec/EarlyStoppingSpec.h"
#include "spec/ScheduleSpec.h"
#include "spec/StudySpecParser.h"
#include "spec/TrainingSpec.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <climits>

namespace tw::widgets {

namespace {

QStringList trainingPath(const QString& key)
{
    QStringList p{QStringLiteral("objective"), QStringLiteral("training")};
    return p + key.split(u'.');
}

} // namespace

TrainingSection::TrainingSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Training"), doc, {"objective", "training"}, parent)
{
    const TrainingSpec d;
    const ScheduleSpec sd;
    const EarlyStoppingSpec ed;
    using C = SpecField;

    m_optimizer = choice(trainingPath("optimizer"),
                         QStringList{QStringLiteral("sgd"), QStringLiteral("momentum"),
                                     QStringLiteral("nesterov"), QStringLiteral("adagrad"),
                                     QStringLiteral("rmsprop"), QStringLiteral("adam"),
                                     QStringLiteral("adamw")},
                         C::constant(QStringLiteral("adam")),
                         tr("The update rule for the weights; adam adapts the step per weight "
                            "and rarely needs tuning of its own."));
    auto* lr = number(trainingPath("learning_rate"), C::constant(d.learningRate),
                      tr("The step size of each update: too high diverges, too low learns "
                         "slowly."));
    m_momentum = number(trainingPath("momentum"), C::constant(d.momentum),
                        tr("How much of the previous update carries into the next one."));
    m_beta1 = number(trainingPath("beta1"), C::constant(d.beta1),
                     tr("Adam's decay rate for the running mean of the gradients."));
    m_beta2 = number(trainingPath("beta2"), C::constant(d.beta2),
                     tr("Adam's decay rate for the running mean of the squared gradients."));
    auto* epsilon = number(trainingPath("epsilon"), C::constant(d.epsilon),
                           tr("A small constant that keeps adaptive optimizers from dividing by "
                              "zero."));
    auto* weightDecay = number(trainingPath("weight_decay"), C::constant(d.weightDecay),
                               tr("An L2 penalty on the weights that discourages large weights "
                                  "(decoupled for adamw)."));
    auto* clipNorm = number(trainingPath("clip_norm"), C::constant(d.clipNorm),
                            tr("Rescales a gradient whose norm exceeds this value; 0 turns "
                               "clipping off."));

    auto* epochs = integer(trainingPath("epochs"), 0, INT_MAX, C::constant(d.epochs),
                           tr("How many passes over the training split each trial makes."));
    auto* batch = integer(trainingPath("batch_size"), 1, INT_MAX, C::constant(d.batchSize),
                          tr("Samples per gradient step: smaller batches give noisier but more "
                             "frequent updates."));
    m_loss = choice(trainingPath("loss"),
                    QStringList{QStringLiteral("auto"), QStringLiteral("mse"),
                                QStringLiteral("huber"), QStringLiteral("cross_entropy"),
                                QStringLiteral("binary_cross_entropy")},
                    C::constant(QStringLiteral("auto")),
                    tr("What training minimises; auto picks cross-entropy for classification "
                       "and mean squared error for regression."));
    m_labelSmoothing = number(trainingPath("label_smoothing"), C::constant(d.labelSmoothing),
                              tr("Moves this much of each target's probability onto the other "
                                 "classes, against over-confidence."));
    m_huberDelta = number(trainingPath("huber_delta"), C::constant(d.huberDelta),
                          tr("Where the Huber loss turns from quadratic to linear."));
    auto* shuffle = flag(trainingPath("shuffle"), tr("Shuffle mini-batches"),
                         C::constant(d.shuffle),
                         tr("Draw the mini-batches in a new seeded order every epoch."));
    auto* seed = integer(trainingPath("seed"), 0, INT_MAX, C::constant(0),
                         tr("Seeds initialisation, shuffling and augmentation: the same seed "
                            "and thread count give identical runs."));
    auto* threads = integer(trainingPath("threads"), 1, 256, C::constant(d.threads),
                            tr("Threads that share one trial's work; trials themselves already "
                               "run in parallel."));

    m_scheduleType = choice(trainingPath("schedule.type"),
                            QStringList{QStringLiteral("constant"), QStringLiteral("step"),
                                        QStringLiteral("exponential"), QStringLiteral("cosine"),
                                        QStringLiteral("plateau")},
                            C::constant(QStringLiteral("constant")),
                            tr("How the learning rate changes over the epochs."));
    auto* warmup = integer(trainingPath("schedule.warmup_epochs"), 0, INT_MAX,
                           C::constant(sd.warmupEpochs),
                           tr("Epochs over which the learning rate ramps up linearly from 0."));
    m_stepSize = integer(trainingPath("schedule.step_size"), 1, INT_MAX, C::constant(sd.stepSize),
                         tr("Epochs between two decays of the step schedule."));
    m_gamma = number(trainingPath("schedule.gamma"),
                     [this] {
                         const bool exp = m_scheduleType->effectiveValue().toString() ==
                                          QLatin1String("exponential");
                         return QJsonValue(exp ? 0.95 : ScheduleSpec().gamma);
                     },
                     tr("The factor the learning rate is multiplied by at each decay."));
    m_minLr = number(trainingPath("schedule.min_lr"), C::constant(sd.minLr),
                     tr("The learning rate never decays below this."));
    m_factor = number(trainingPath("schedule.factor"), C::constant(sd.factor),
                      tr("The factor applied when the validation loss stops improving."));
    m_patience = integer(trainingPath("schedule.patience"), 0, INT_MAX, C::constant(sd.patience),
                         tr("Epochs without improvement of the validation loss before the "
                            "rate is reduced."));

    m_earlyStopping = flag(trainingPath("early_stopping.enabled"), tr("Stop early"),
                           [this] {
                               return QJsonValue(
                                   m_doc->value(trainingPath("early_stopping")).isObject());
                           },
                           tr("End a trial when the monitored metric stops improving, saving "
                              "time on hopeless settings."));
    auto* esPatience = integer(trainingPath("early_stopping.patience"), 1, INT_MAX,
                               C::constant(ed.patience),
                               tr("Epochs without improvement before training stops."));
    auto* minDelta = number(trainingPath("early_stopping.min_delta"), C::constant(ed.minDelta),
                            tr("The smallest change that counts as an improvement."));
    auto* restore = flag(trainingPath("early_stopping.restore_best"), tr("Restore best weights"),
                         C::constant(ed.restoreBest),
                         tr("End with the weights of the best epoch rather than the last."));
    auto* esMetric = choice(trainingPath("early_stopping.metric"),
                            StudySpecParser::trainMetricNames(false),
                            [this] {
                                const QString m = m_doc->value({QStringLiteral("metric")}).toString();
                                return QJsonValue(m.startsWith(QLatin1String("val_"))
                                                      ? m
                                                      : QStringLiteral("val_loss"));
                            },
                            tr("The metric early stopping watches; by default the study's own "
                               "validation metric."));
    m_earlyStoppingFields = {esPatience, minDelta, restore, esMetric};

    m_optimizerForm = newForm();
    addRow(m_optimizerForm, tr("Optimizer:"), m_optimizer);
    addRow(m_optimizerForm, tr("Learning rate:"), lr);
    addRow(m_optimizerForm, tr("Momentum:"), m_momentum);
    addRow(m_optimizerForm, tr("Beta 1:"), m_beta1);
    addRow(m_optimizerForm, tr("Beta 2:"), m_beta2);
    addRow(m_optimizerForm, tr("Epsilon:"), epsilon);
    addRow(m_optimizerForm, tr("Weight decay:"), weightDecay);
    addRow(m_optimizerForm, tr("Clip norm:"), clipNorm);

    m_loopForm = newForm();
    addRow(m_loopForm, tr("Epochs:"), epochs);
    addRow(m_loopForm, tr("Batch size:"), batch);
    addRow(m_loopForm, tr("Loss:"), m_loss);
    addRow(m_loopForm, tr("Label smoothing:"), m_labelSmoothing);
    addRow(m_loopForm, tr("Huber delta:"), m_huberDelta);
    addRow(m_loopForm, tr("Seed:"), seed);
    addRow(m_loopForm, tr("Threads:"), threads);
    m_loopForm->addRow(QString(), shuffle->widget());

    m_scheduleForm = newForm();
    addRow(m_scheduleForm, tr("LR schedule:"), m_scheduleType);
    addRow(m_scheduleForm, tr("Warm-up epochs:"), warmup);
    addRow(m_scheduleForm, tr("Step size:"), m_stepSize);
    addRow(m_scheduleForm, tr("Gamma:"), m_gamma);
    addRow(m_scheduleForm, tr("Minimum LR:"), m_minLr);
    addRow(m_scheduleForm, tr("Factor:"), m_factor);
    addRow(m_scheduleForm, tr("Patience:"), m_patience);
    m_scheduleForm->addRow(QString(), m_earlyStopping->widget());
    addRow(m_scheduleForm, tr("Stop patience:"), esPatience);
    addRow(m_scheduleForm, tr("Min. delta:"), minDelta);
    addRow(m_scheduleForm, tr("Monitor:"), esMetric);
    m_scheduleForm->addRow(QString(), restore->widget());

    addColumns({{tr("Optimizer"), m_optimizerForm},
                {tr("Loop"), m_loopForm},
                {tr("Schedule and early stopping"), m_scheduleForm}});
}

void TrainingSection::refresh()
{
    const QString opt = m_optimizer->effectiveValue().toString();
    setRowVisible(m_optimizerForm, m_momentum,
                  opt == QLatin1String("momentum") || opt == QLatin1String("nesterov") ||
                      opt == QLatin1String("rmsprop"));
    const bool adam = opt == QLatin1String("adam") || opt == QLatin1String("adamw");
    setRowVisible(m_optimizerForm, m_beta1, adam);
    setRowVisible(m_optimizerForm, m_beta2, adam);

    const QString loss = m_loss->effectiveValue().toString();
    setRowVisible(m_loopForm, m_labelSmoothing,
                  loss == QLatin1String("auto") || loss == QLatin1String("cross_entropy") ||
                      loss == QLatin1String("binary_cross_entropy"));
    setRowVisible(m_loopForm, m_huberDelta, loss == QLatin1String("huber"));

    const QString s = m_scheduleType->effectiveValue().toString();
    setRowVisible(m_scheduleForm, m_stepSize, s == QLatin1String("step"));
    setRowVisible(m_scheduleForm, m_gamma,
                  s == QLatin1String("step") || s == QLatin1String("exponential"));
    setRowVisible(m_scheduleForm, m_minLr,
                  s == QLatin1String("cosine") || s == QLatin1String("plateau"));
    setRowVisible(m_scheduleForm, m_factor, s == QLatin1String("plateau"));
    setRowVisible(m_scheduleForm, m_patience, s == QLatin1String("plateau"));

    const bool es = m_earlyStopping->effectiveValue().toBool();
    for (SpecField* f : m_earlyStoppingFields)
        f->editor()->setEnabled(es);
}

} // namespace tw::widgets
