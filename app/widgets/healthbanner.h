#pragma once
// Above a customer's recordings: a red banner while recording of their vault is failing (the agent's open health
// events a customer may see: capture down, calls missed, vault full, disk reserve), with the agent's reason; and
// the way to subscribe to the daily report. Looked at again every minute.
#include "apimodel.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class HealthBanner : public QWidget
{
    Q_OBJECT
public:
    HealthBanner(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent = nullptr);

    bool failing() const { return m_failing; }
    QString message() const;

public Q_SLOTS:
    void refresh();
    void openDigest();

Q_SIGNALS:
    void refreshed();

private:
    vv::net::AgentClient *m_client;
    qint64 m_vaultId;
    QLabel *m_message;
    QPushButton *m_digest;
    QTimer *m_timer;
    bool m_failing = false;
};

} // namespace vv::ui
