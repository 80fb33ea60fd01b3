#include "healthbanner.h"

#include "agentclient.h"
#include "digestdialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace vv::ui {

HealthBanner::HealthBanner(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_vaultId(vaultId)
    , m_message(new QLabel(this))
    , m_digest(new QPushButton(tr("Daily report by e-mail…"), this))
    , m_timer(new QTimer(this))
{
    m_message->setObjectName(QStringLiteral("healthMessage"));
    m_message->setWordWrap(true);
    m_digest->setObjectName(QStringLiteral("digestButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_digest);
    connect(m_digest, &QPushButton::clicked, this, &HealthBanner::openDigest);
    connect(m_timer, &QTimer::timeout, this, &HealthBanner::refresh);
    m_timer->start(60'000);
    refresh();
}

QString HealthBanner::message() const
{
    return m_message->text();
}

void HealthBanner::refresh()
{
    m_client->healthEvents(true, this, [this](const vv::net::ApiResult &r) {
        QString error;
        const auto events = vv::net::answerItems<vv::net::HealthEvent>(r, &error);
        QStringList problems;
        if (events)
            for (const vv::net::HealthEvent &e : *events)
                // A missed call stays listed until the reseller acknowledges it; the customer hears of it for a day.
                if (e.severity == u"critical" ||
                    (e.kind == u"missed_call" && e.openedAt > QDateTime::currentDateTimeUtc().addDays(-1)))
                    problems << e.detail;
        m_failing = !problems.isEmpty();
        if (!events) {
            m_message->setText(tr("Recording state unknown: %1").arg(error));
            m_message->setStyleSheet(QStringLiteral("color: #8a5300;"));
        } else if (m_failing) {
            m_message->setText(tr("Recording is failing: %1").arg(problems.join(QStringLiteral(" · "))));
            m_message->setStyleSheet(
                QStringLiteral("background: #f8d7da; color: #7a0000; font-weight: bold; padding: 6px;"));
        } else {
            m_message->setText(tr("No recording problems reported by the agent."));
            m_message->setStyleSheet({});
        }
        Q_EMIT refreshed();
    });
}

void HealthBanner::openDigest()
{
    auto *dialog = new DigestDialog(m_client, m_vaultId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("digestDialog"));
    dialog->open();
}

} // namespace vv::ui
