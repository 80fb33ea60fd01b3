#include "alerts/notifier.h"

#include "alerts/delivery.h"
#include "common/logging.h"
#include "vault/catalogue.h"
#include "vault/healthstore.h"

#include <QDateTime>
#include <future>

namespace vv::agent {

namespace {

constexpr PacketTime kSecond = 1'000'000;
constexpr PacketTime kGiveUpAfter = 48LL * 3600 * kSecond;

PacketTime wallNow()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

PacketTime backoff(int attempts)
{
    const int exponent = std::min(attempts - 1, 10);
    return std::min<PacketTime>(3600 * kSecond, (5 * kSecond) << std::max(0, exponent));
}

} // namespace

Notifier::Notifier(QString cataloguePath, AlertsConfig config)
    : m_path(std::move(cataloguePath))
    , m_config(std::move(config))
{}

Notifier::~Notifier()
{
    stop();
}

bool Notifier::start(QString *error)
{
    std::promise<QString> opened;
    std::future<QString> result = opened.get_future();
    m_thread = std::thread([this, &opened] {
        Catalogue catalogue(QStringLiteral("vipvault-notifier"));
        QString why;
        const bool ok = catalogue.open(m_path, &why);
        opened.set_value(ok ? QString() : why);
        if (!ok)
            return;
        HealthStore store(catalogue.database());
        while (true) {
            {
                std::unique_lock lock(m_mutex);
                if (m_stop)
                    return;
            }
            PacketTime next = 0;
            try {
                for (const Delivery &d : store.dueDeliveries(wallNow(), 20)) {
                    const std::optional<Subscription> s = store.subscription(d.subscriptionId);
                    QString dbError;
                    if (!s) {
                        store.abandon(d.id, QStringLiteral("the subscription was removed"), &dbError);
                        continue;
                    }
                    const SendResult sent = s->kind == u"email"
                                                ? sendMail(m_config, s->target, d.subject, d.payload)
                                                : postWebhook(s->target, s->secret.toUtf8(), d.payload.toUtf8(), d.id,
                                                              d.kind, m_config.caFile);
                    const PacketTime now = wallNow();
                    if (sent.ok) {
                        ++m_delivered;
                        store.delivered(d.id, now, &dbError);
                        qCInfo(lcAlerts).noquote() << d.kind << "delivered to" << s->kind << s->id;
                    } else if (now - d.createdAt > kGiveUpAfter) {
                        ++m_abandoned;
                        store.abandon(d.id, sent.error, &dbError);
                        qCCritical(lcAlerts).noquote()
                            << "gave up delivering" << d.kind << d.id << "to" << s->kind << s->id << "after"
                            << d.attempts + 1 << "attempts:" << sent.error;
                    } else {
                        ++m_failedAttempts;
                        store.retryLater(d.id, d.attempts + 1, now + backoff(d.attempts + 1), sent.error, &dbError);
                        qCWarning(lcAlerts).noquote() << d.kind << "to" << s->kind << s->id << "not delivered ("
                                                      << sent.error << "); trying again later";
                    }
                    if (!dbError.isEmpty())
                        qCCritical(lcAlerts).noquote() << "cannot update delivery" << d.id << ":" << dbError;
                }
                next = store.nextAttemptAt();
            } catch (const CatalogueError &e) {
                qCCritical(lcAlerts).noquote() << "delivery queue unreadable:" << e.what();
                next = wallNow() + 30 * kSecond;
            }
            std::unique_lock lock(m_mutex);
            const PacketTime wait = next ? std::clamp<PacketTime>(next - wallNow(), 0, 30 * kSecond) : 30 * kSecond;
            m_wake.wait_for(lock, std::chrono::microseconds(wait), [this] { return m_stop || m_woken; });
            m_woken = false;
        }
    });
    *error = result.get();
    if (!error->isEmpty()) {
        m_thread.join();
        return false;
    }
    return true;
}

void Notifier::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void Notifier::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

} // namespace vv::agent
