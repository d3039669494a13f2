#include "train/TrainingRun.h"

#include "ml/Metrics.h"
#include "core/Random.h"
#include "optim/GradientClipping.h"
#include "train/BestWeightRestore.h"
#include "train/EarlyStopping.h"
#include "train/EpochFunction.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace tw {

namespace {

// Independent random streams of one run, derived from its seed.
constexpr std::uint64_t kShuffleStream = 0x53485546464c45ULL;
constexpr std::uint64_t kDropoutStream = 0x44524f504f5554ULL;
constexpr std::uint64_t kAugmentStream = 0x4155474d454e54ULL;

using SteadyClock = std::chrono::steady_clock;

double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

void addPrefixed(std::map<std::string, double>& into, const std::string& prefix,
                 const std::map<std::string, double>& from)
{
    for (const auto& [name, value] : from)
        into[prefix + name] = value;
}

// Whether every value is finite: x * 0 is 0 for finite x and NaN for NaN and +-inf, and a
// sum is a vectorised reduction, where Eigen's allFinite() is not.
bool allFinite(const float* data, Eigen::Index n)
{
    return (Eigen::Map<const Eigen::ArrayXf>(data, n) * 0.0f).sum() == 0.0f;
}

std::string dataError(const ModelArchitecture& a, const Dataset& d, const char* which)
{
    if (d.rows() == 0)
        return std::string(which) + ": no rows";
    if (std::string err = Evaluator::compatibilityError(a, d); !err.empty())
        return std::string(which) + ": " + err;
    if (!allFinite(d.x.data(), d.x.size()))
        return std::string(which) + ": features hold NaN or infinite values";
    if (!allFinite(d.y.data(), d.y.size()))
        return std::string(which) + ": targets hold NaN or infinite values";
    return {};
}

} // namespace

TrainingRun::TrainingRun(const TrainerConfig& config, const Trainer::EpochCallback& callback,
                         const Trainer::Augmentation& augmentation, Model& model, const Dataset& train,
                         const Dataset& validation, std::stop_token stop,
                         std::vector<std::shared_ptr<TrainingCallback>> callbacks)
    : m_config(config), m_callback(callback), m_augmentation(augmentation), m_model(model), m_train(train),
      m_validation(validation), m_stop(std::move(stop)), m_architecture(model.architecture()),
      m_classifier(m_architecture.task() == Task::Classification), m_classes(m_architecture.classCount())
{
    if (model.isEmpty())
        throw std::invalid_argument("the model is empty");
    m_threads = std::max(1, std::min(config.threads, config.batchSize));
    m_loss = Loss::create(config.loss, m_architecture.output);
    m_schedule = config.schedule.create(config.optimizer.learningRate, config.epochs);

    const Eigen::Index shard = (config.batchSize + m_threads - 1) / m_threads;
    const Eigen::Index p = model.parameters().size();
    // Slices are whole cache lines, so two threads never write the same line.
    const Eigen::Index per = ((p + m_threads - 1) / m_threads + 15) / 16 * 16;
    m_workers.resize(static_cast<size_t>(m_threads));
    m_optimizer = config.optimizer.create();
    m_optimizer->reset(p);
    std::vector<ParameterBlock> blocks;
    for (int t = 0; t < m_threads; ++t) {
        Worker& w = m_workers[static_cast<size_t>(t)];
        w.network = std::make_unique<Network>(m_architecture, shard);
        if (blocks.empty())
            blocks = w.network->parameterBlocks();
        w.gradient.setZero(p);
        w.batchStatistics.setZero(w.network->bufferCount());
        w.targets.setZero(shard);
        if (m_classifier)
            w.softTargets.setZero(m_classes, shard);
        w.sliceBegin = std::min(p, t * per);
        w.sliceEnd = std::min(p, (t + 1) * per);
        for (const ParameterBlock& b : blocks) {
            if (!b.isWeight)
                continue;
            const Eigen::Index lo = std::max(b.offset, w.sliceBegin);
            const Eigen::Index hi = std::min(b.offset + b.size(), w.sliceEnd);
            if (lo < hi)
                w.weightRanges.emplace_back(lo, hi);
        }
    }
    if (m_threads > 1)
        m_team = std::make_unique<ThreadTeam>(m_threads);
    if (validation.rows() > 0)
        m_validationEvaluator = std::make_unique<Evaluator>(
            m_architecture, config.loss, std::min<Eigen::Index>(validation.rows(), 1024));
    // Per run, so their state starts fresh. BestWeightRestore reads EarlyStopping's bestEpoch.
    m_callbacks.push_back(std::make_shared<EarlyStopping>(config.earlyStopping));
    if (config.earlyStopping.patience > 0 && config.earlyStopping.restoreBestWeights)
        m_callbacks.push_back(std::make_shared<BestWeightRestore>());
    if (callback)
        m_callbacks.push_back(std::make_shared<EpochFunction>(callback));
    for (auto& c : callbacks)
        m_callbacks.push_back(std::move(c));
}

TrainingRun::~TrainingRun() = default;

void TrainingRun::computeShard(int t)
{
    Worker& w = m_workers[static_cast<size_t>(t)];
    w.lossSum = 0.0;
    w.samples = 0;
    const Eigen::Index per = (m_batchRows + m_threads - 1) / m_threads;
    const Eigen::Index lo = std::min(m_batchRows, t * per);
    const Eigen::Index hi = std::min(m_batchRows, lo + per);
    const Eigen::Index n = hi - lo;
    if (n <= 0) {
        w.gradient.setZero();
        return;
    }
    Network& net = *w.network;
    const Dataset& d = *m_data;
    const Eigen::Index f = d.features();
    const float* x = d.x.data();
    MatrixMap in = net.input(n);
    const Eigen::Index first = m_batchStart + lo;
    for (Eigen::Index j = 0; j < n; ++j) {
        const Eigen::Index row = m_order[static_cast<size_t>(first + j)];
        // A row of the row-major features is one contiguous column of the input.
        std::memcpy(in.data() + j * f, x + row * f, static_cast<size_t>(f) * sizeof(float));
        w.targets(j) = d.y(row);
        if (m_soft)
            w.softTargets.col(j) = m_soft->row(row).transpose();
    }
    const float* params = m_model.parameters().data();
    const float* buffers = m_model.buffers().size() ? m_model.buffers().data() : nullptr;
    const ConstMatrixMap z = net.forward(params, buffers, n, true, Random::derive(m_stepSeed, static_cast<std::uint64_t>(t)));
    const LossTargets targets{w.targets.data(), m_soft ? w.softTargets.data() : nullptr};
    w.lossSum = m_loss->evaluate(z, targets, net.outputGradient().data(), 1.0f / static_cast<float>(m_batchRows));
    w.samples = n;
    for (Eigen::Index j = 0; j < n; ++j) {
        const auto pos = static_cast<size_t>(first + j);
        if (m_classifier) {
            int best = 0;
            if (m_architecture.output == OutputKind::Sigmoid)
                best = z(0, j) >= 0.0f ? 1 : 0;
            else
                z.col(j).maxCoeff(&best);
            m_predictedClass[pos] = best;
            m_trueClass[pos] = static_cast<int>(w.targets(j));
        } else {
            m_predictedValue[pos] = z(0, j);
            m_trueValue[pos] = w.targets(j);
        }
    }
    net.backward(params, w.gradient.data());
    if (w.batchStatistics.size())
        net.batchStatistics(w.batchStatistics.data());
}

void TrainingRun::reduceSlice(int t)
{
    Worker& w = m_workers[static_cast<size_t>(t)];
    const Eigen::Index a = w.sliceBegin;
    const Eigen::Index len = w.sliceEnd - a;
    w.squaredNorm = 0.0;
    if (len == 0)
        return;
    auto g = m_workers[0].gradient.segment(a, len);
    for (int u = 1; u < m_threads; ++u)
        g += m_workers[static_cast<size_t>(u)].gradient.segment(a, len);
    if (m_config.l2 > 0.0f) {
        const Eigen::VectorXf& params = m_model.parameters();
        for (const auto& [lo, hi] : w.weightRanges)
            m_workers[0].gradient.segment(lo, hi - lo) += m_config.l2 * params.segment(lo, hi - lo);
    }
    w.squaredNorm = g.squaredNorm();
}

void TrainingRun::updateSlice(int t)
{
    Worker& w = m_workers[static_cast<size_t>(t)];
    const Eigen::Index a = w.sliceBegin;
    const Eigen::Index len = w.sliceEnd - a;
    // A broken slice is not applied; the run fails once the step is over.
    if (len == 0 || !std::isfinite(w.squaredNorm))
        return;
    auto g = m_workers[0].gradient.segment(a, len);
    if (m_config.gradientClipNorm > 0.0f) {
        double total = 0.0;
        for (const Worker& u : m_workers)  // thread order: every thread gets the same sum
            total += u.squaredNorm;
        const float scale = GradientClipping::scaleFor(std::sqrt(total), m_config.gradientClipNorm);
        if (scale != 1.0f)
            g *= scale;
    }
    m_optimizer->update(a, m_model.parameters().segment(a, len), g);
}

void TrainingRun::stepTask(int t)
{
    Worker& w = m_workers[static_cast<size_t>(t)];
    try {
        computeShard(t);
    } catch (...) {
        w.error = std::current_exception();
    }
    if (m_team)
        m_team->barrier();
    // Every thread reads the same values in the same order, so all take the same decision.
    double loss = 0.0;
    bool failed = false;
    for (const Worker& u : m_workers) {
        loss += u.lossSum;
        failed = failed || u.error;
    }
    const bool skip = failed || !std::isfinite(loss);
    if (!skip) {
        try {
            reduceSlice(t);
        } catch (...) {
            w.error = std::current_exception();
        }
    }
    if (m_team && m_config.gradientClipNorm > 0.0f)
        m_team->barrier();
    if (!skip && !w.error) {
        try {
            updateSlice(t);
        } catch (...) {
            w.error = std::current_exception();
        }
    }
}

std::string TrainingRun::failure(const char* what, double value, int epoch) const
{
    return std::string(what) + " became " + (std::isnan(value) ? "NaN" : "infinite") + " at epoch "
         + std::to_string(epoch);
}

std::map<std::string, double> TrainingRun::epochMetrics(const Dataset& data)
{
    std::map<std::string, double> m;
    const auto rows = static_cast<size_t>(data.rows());
    if (m_classifier) {
        const Eigen::MatrixXi confusion = Metrics::confusionMatrix(
            std::span<const int>(m_predictedClass.data(), rows), std::span<const int>(m_trueClass.data(), rows),
            m_classes);
        m["train_accuracy"] = Metrics::accuracy(confusion);
        m["train_f1_macro"] = Metrics::f1Macro(confusion);
    } else {
        const Metrics::Regression r = Metrics::regression(std::span<const float>(m_predictedValue.data(), rows),
                                                          std::span<const float>(m_trueValue.data(), rows));
        m["train_rmse"] = r.rmse;
        m["train_mae"] = r.mae;
        m["train_r2"] = r.r2;
    }
    return m;
}

void TrainingRun::finish(TrainingState& state)
{
    for (const auto& c : m_callbacks)
        c->onTrainEnd(state);
    // BestWeightRestore set the best epoch's metrics when it put its weights back.
    TrainResult& result = state.result;
    if (!result.restoredBest && !result.history.empty())
        result.finalMetrics = result.history.back().values;
}

TrainResult TrainingRun::execute()
{
    const auto started = SteadyClock::now();
    TrainResult result;
    const auto fail = [&](std::string reason) {
        result.status = TrainStatus::Failed;
        result.reason = std::move(reason);
        result.finalMetrics.clear();
        result.seconds = secondsSince(started);
        return result;
    };
    if (std::string err = dataError(m_architecture, m_train, "training data"); !err.empty())
        return fail(err);
    const bool hasValidation = m_validation.rows() > 0;
    if (hasValidation)
        if (std::string err = dataError(m_architecture, m_validation, "validation data"); !err.empty())
            return fail(err);

    TrainingState state{m_config, m_model, result, hasValidation, {}};
    for (const auto& c : m_callbacks)
        c->onTrainBegin(state);

    if (m_config.epochs == 0) {
        addPrefixed(result.finalMetrics, "train_", evaluate(m_model, m_train, m_config.loss).metrics);
        if (hasValidation)
            addPrefixed(result.finalMetrics, "val_", evaluate(m_model, m_validation, m_config.loss).metrics);
        finish(state);
        result.seconds = secondsSince(started);
        return result;
    }

    const std::uint64_t seed = m_config.seed;
    const Eigen::Index batch = m_config.batchSize;
    Eigen::VectorXf statistics(m_model.buffers().size());
    std::int64_t step = 0;

    for (int epoch = 1; epoch <= m_config.epochs; ++epoch) {
        const auto epochStarted = SteadyClock::now();
        Dataset augmented;
        Eigen::MatrixXf soft;
        m_data = &m_train;
        m_soft = nullptr;
        if (m_augmentation) {
            auto produced = m_augmentation(m_train, Random::derive(Random::derive(seed, kAugmentStream),
                                                                       static_cast<std::uint64_t>(epoch)));
            augmented = std::move(produced.first);
            soft = std::move(produced.second);
            if (std::string err = dataError(m_architecture, augmented, "augmented data"); !err.empty())
                return fail(err + " at epoch " + std::to_string(epoch));
            if (soft.size() > 0) {
                if (!m_classifier)
                    return fail("augmentation returned soft targets for a regression model");
                if (soft.rows() != augmented.rows() || soft.cols() != m_classes)
                    return fail("augmentation returned soft targets of " + std::to_string(soft.rows()) + " x "
                                + std::to_string(soft.cols()) + ", expected " + std::to_string(augmented.rows())
                                + " x " + std::to_string(m_classes));
                m_soft = &soft;
            }
            m_data = &augmented;
        }
        const Eigen::Index rows = m_data->rows();
        m_order.resize(static_cast<size_t>(rows));
        std::iota(m_order.begin(), m_order.end(), Eigen::Index(0));
        if (m_config.shuffle) {
            Random rng(Random::derive(Random::derive(seed, kShuffleStream), static_cast<std::uint64_t>(epoch)));
            for (size_t i = m_order.size(); i > 1; --i)
                std::swap(m_order[i - 1], m_order[rng.below(i)]);
        }
        if (m_classifier) {
            m_predictedClass.resize(static_cast<size_t>(rows));
            m_trueClass.resize(static_cast<size_t>(rows));
        } else {
            m_predictedValue.resize(static_cast<size_t>(rows));
            m_trueValue.resize(static_cast<size_t>(rows));
        }

        const Eigen::Index batches = (rows + batch - 1) / batch;
        double lossSum = 0.0;
        double rate = 0.0;
        for (Eigen::Index b = 0; b < batches; ++b) {
            if (m_stop.stop_requested()) {
                result.status = TrainStatus::Cancelled;
                result.reason = "cancelled during epoch " + std::to_string(epoch);
                finish(state);
                result.seconds = secondsSince(started);
                return result;
            }
            rate = m_schedule->rate(static_cast<double>(epoch - 1) + static_cast<double>(b) / static_cast<double>(batches));
            m_batchStart = b * batch;
            m_batchRows = std::min(batch, rows - m_batchStart);
            m_stepSeed = Random::derive(Random::derive(seed, kDropoutStream), static_cast<std::uint64_t>(step));
            m_rate = static_cast<float>(rate);
            m_optimizer->setLearningRate(m_rate);
            m_optimizer->beginStep();
            for (Worker& w : m_workers)
                w.error = nullptr;
            if (m_team)
                m_team->run([this](int t) { stepTask(t); });
            else
                stepTask(0);
            for (Worker& w : m_workers)
                if (w.error)
                    std::rethrow_exception(w.error);
            double loss = 0.0;
            for (const Worker& w : m_workers)
                loss += w.lossSum;
            if (!std::isfinite(loss))
                return fail(failure("loss", loss, epoch));
            for (const Worker& w : m_workers)
                if (!std::isfinite(w.squaredNorm))
                    return fail(failure("gradient", w.squaredNorm, epoch));
            lossSum += loss;
            ++step;
            // Running statistics from the shards' batch statistics, weighted by shard size.
            if (statistics.size() > 0 && m_config.batchNormMomentum > 0.0f) {
                statistics.setZero();
                for (const Worker& w : m_workers)
                    if (w.samples > 0)
                        statistics += (static_cast<float>(w.samples) / static_cast<float>(m_batchRows)) * w.batchStatistics;
                const float mom = m_config.batchNormMomentum;
                m_model.buffers() = (1.0f - mom) * m_model.buffers() + mom * statistics;
            }
        }
        result.samplesTrained += rows;
        if (!allFinite(m_model.parameters().data(), m_model.parameters().size()))
            return fail("weights became NaN or infinite at epoch " + std::to_string(epoch));

        EpochMetrics em;
        em.epoch = epoch;
        em.learningRate = rate;
        em.values = epochMetrics(*m_data);
        em.values["train_loss"] = lossSum / static_cast<double>(rows);
        if (hasValidation) {
            const Evaluation ev = m_validationEvaluator->evaluate(
                m_model.parameters().data(), m_model.buffers().size() ? m_model.buffers().data() : nullptr,
                m_validation, false);
            addPrefixed(em.values, "val_", ev.metrics);
            const double valLoss = em.values["val_loss"];
            if (!std::isfinite(valLoss))
                return fail(failure("validation loss", valLoss, epoch));
        }
        em.seconds = secondsSince(epochStarted);
        result.history.push_back(em);
        result.epochsRun = epoch;

        m_schedule->epochEnded(em.value(hasValidation ? "val_loss" : "train_loss"));

        // Every callback sees every epoch; the first stop that is not early stopping's
        // names the run's end.
        bool stop = false;
        bool stopped = false;
        for (const auto& c : m_callbacks) {
            if (c->onEpochEnd(state, em) == EpochAction::Stop) {
                stop = true;
                stopped = stopped || c->stopStatus() == TrainStatus::Stopped;
            }
            if (!state.failure.empty())
                return fail(state.failure);
        }
        if (stopped) {
            result.status = TrainStatus::Stopped;
            result.reason = "stopped by the epoch callback after epoch " + std::to_string(epoch);
        }
        if (stop)
            break;
    }
    finish(state);
    result.seconds = secondsSince(started);
    return result;
}

} // namespace tw
