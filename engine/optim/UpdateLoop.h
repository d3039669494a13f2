#pragma once
#include "optim/Optimizer.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace tw {

// The one update loop of every optimizer (as ensmallen's update policies): it walks a
// range of the flat parameter vector in chunks of kChunk floats and hands each chunk to
// the policy, which holds only its state (sized by reset()) and its per-element rule:
//
//     struct Policy {
//         void reset(Eigen::Index n);                       // size and zero the state
//         void prepare(float learningRate, long long step); // the step's constants (step >= 1)
//         template <class W, class G>                       // Eigen array segments
//         void apply(Eigen::Index offset, W w, const G& g); // update w[offset, offset + len)
//     };
//
// Ranges on different threads touch disjoint state, so update() may run concurrently on
// disjoint ranges after one beginStep().
template <class Policy>
class UpdateLoop : public Optimizer {
public:
    std::string_view name() const override { return m_name; }
    const Policy& policy() const { return m_policy; }

protected:
    UpdateLoop(std::string_view name, std::string_view className, float learningRate, Policy policy)
        : Optimizer(learningRate), m_name(name), m_className(className), m_policy(std::move(policy))
    {
    }

    std::string_view className() const override { return m_className; }
    void resetState(Eigen::Index parameterCount) override { m_policy.reset(parameterCount); }
    void prepareStep() override { m_policy.prepare(m_learningRate, m_steps); }
    void updateRange(Eigen::Index begin, Eigen::Ref<Eigen::VectorXf> w,
                     const Eigen::Ref<const Eigen::VectorXf>& grad) override
    {
        const Eigen::Index n = w.size();
        for (Eigen::Index s = 0; s < n; s += kChunk) {
            const Eigen::Index len = std::min(kChunk, n - s);
            m_policy.apply(begin + s, w.segment(s, len).array(), grad.segment(s, len).array());
        }
    }

private:
    std::string_view m_name;
    std::string_view m_className;
    Policy m_policy;
};

} // namespace tw
