#include "leaderboard/LeaderboardView.h"

#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardProxy.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tw::widgets {

LeaderboardView::LeaderboardView(LeaderboardModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    m_proxy = new LeaderboardProxy(this);
    m_proxy->setSourceModel(model);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LeaderboardModel::NumberColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setWordWrap(false);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter trials…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Show only trials where some cell contains this text."));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &LeaderboardProxy::setTextFilter);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    QList<QCheckBox*> boxes;
    for (TrialState s : {TrialState::Complete, TrialState::Running, TrialState::Pruned,
                         TrialState::Failed, TrialState::Waiting}) {
        auto* box = new QCheckBox(QString::fromUtf8(toString(s).data()), this);
        box->setChecked(true);
        box->setProperty("state", static_cast<int>(s));
        box->setToolTip(tr("Show %1 trials.").arg(box->text()));
        boxes << box;
        bar->addWidget(box);
    }
    for (QCheckBox* box : boxes)
        connect(box, &QCheckBox::toggled, this, [this, boxes] {
            QSet<TrialState> states;
            for (QCheckBox* b : boxes)
                if (b->isChecked())
                    states.insert(static_cast<TrialState>(b->property("state").toInt()));
            m_proxy->setVisibleStates(states);
        });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit trialActivated(index.data(LeaderboardModel::TrialNumberRole).toInt());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                emit trialSelected(current.isValid() ? current.data(LeaderboardModel::TrialNumberRole).toInt() : -1);
            });
    connect(m_table, &QTableView::customContextMenuRequested, this, &LeaderboardView::showContextMenu);

    m_fitTimer.setSingleShot(true);
    m_fitTimer.setInterval(0);
    connect(&m_fitTimer, &QTimer::timeout, this, &LeaderboardView::fitColumns);
    const auto refit = [this] {
        m_fitted = false;
        m_grown = false;
        m_fitTimer.start();
    };
    connect(m_proxy, &QAbstractItemModel::columnsInserted, this, refit);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, refit);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, refit);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_fitted)
            m_fitTimer.start();
    });
}

void LeaderboardView::fitColumns()
{
    // Only the first rows are measured, so a 10,000-trial study fits as fast as a small one.
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    const int last = m_proxy->columnCount() - 1;
    const int maxWidth = m_table->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28;
    for (int c = 0; c < last; ++c) {
        // Grow only, so the rows that came first keep their room.
        const int before = m_fitted || m_grown ? m_table->columnWidth(c) : 0;
        m_table->resizeColumnToContents(c);
        m_table->setColumnWidth(c, std::min(maxWidth, std::max(before, m_table->columnWidth(c))));
    }
    m_grown = true;
    // The state and value columns grow as trials finish: leave room for the widest text
    // they take ("complete" in bold for the best trial, a pruned trial's "0.7667 @100").
    QFont bold = m_table->font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int pad = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 12;
    const int minState = fm.horizontalAdvance(QStringLiteral("complete")) + pad;
    const int minValue = fm.horizontalAdvance(QStringLiteral("0.00000 @100")) + pad;
    if (last > LeaderboardModel::StateColumn)
        m_table->setColumnWidth(LeaderboardModel::StateColumn,
                                std::max(m_table->columnWidth(LeaderboardModel::StateColumn), minState));
    if (last > LeaderboardModel::ValueColumn)
        m_table->setColumnWidth(LeaderboardModel::ValueColumn,
                                std::max(m_table->columnWidth(LeaderboardModel::ValueColumn), minValue));
    // Later rows may be wider (a parameter's value, a longer state): fit again as they
    // come, until enough rows have been measured.
    m_fitted = m_proxy->rowCount() >= 100;
}

int LeaderboardView::currentTrial() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.data(LeaderboardModel::TrialNumberRole).toInt() : -1;
}

bool LeaderboardView::selectTrial(int number)
{
    const int row = m_model->rowOfTrial(number);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;  // filtered out
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void LeaderboardView::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const int trial = index.data(LeaderboardModel::TrialNumberRole).toInt();
    QMenu menu(this);
    menu.addAction(tr("Open trial #%1").arg(trial), this, [this, trial] { emit trialActivated(trial); });
    menu.addSeparator();
    menu.addAction(tr("Copy params as JSON"), this, [this, trial] { emit copyParamsRequested(trial); });
    menu.addAction(tr("Export model…"), this, [this, trial] { emit exportModelRequested(trial); });
    menu.addAction(tr("Keep this trial's model (pin)"), this, [this, trial] { emit pinModelRequested(trial); });
    menu.addSeparator();
    menu.addAction(tr("Re-run with the same seed"), this, [this, trial] { emit rerunRequested(trial); });
    menu.addAction(tr("Enqueue a variant…"), this, [this, trial] { emit enqueueVariantRequested(trial); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace tw::widgets
