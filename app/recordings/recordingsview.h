#pragma once
// What a customer sees after signing in (and a reseller from a VoIP service page): the filter bar, the paged
// recordings table with its count, and the player for the selected recording (double-click or Enter plays).
#include "audioexport.h"
#include "recordingsmodel.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class RecordingsView;
}
class QProgressDialog;
class QTableView;

namespace vv::net {
class AgentClient;
class ApiCall;
struct ApiResult;
} // namespace vv::net
namespace vv::player {
class PlayerWidget;
}

namespace vv::recordings {

class RecordingsFilterBar;
class RecordingsModel;

class RecordingsView : public QWidget
{
    Q_OBJECT
public:
    RecordingsView(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent = nullptr);
    ~RecordingsView() override;

    RecordingsModel *model() const { return m_model; }
    RecordingsFilterBar *filterBar() const;
    player::PlayerWidget *playerWidget() const;
    QTableView *table() const;

    // Opens the recording of this row in the player (false when its audio is gone).
    bool openRow(int row, bool autoPlay);
    // Saves the open recording; the path's suffix chooses the format (.wav, else Ogg Opus).
    // Protect, unprotect and delete (the reseller's): shown only when the user may do them.
    void setManageable(bool manageable);
    // How a destructive action is confirmed (the app routes it through its Prompts); default: a message box.
    void setConfirm(std::function<bool(const QString &title, const QString &text)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    QList<qint64> selectedIds() const;
    // The customer's own vault key pair (from their keychain): recordings sealed to it play, export and download
    // decrypted on this computer.
    void setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey);
    bool hasVaultKey() const { return !m_vaultSecret.isEmpty(); }
    // Downloads the selected recordings into `folder` (tests; the button asks for the folder first).
    void downloadSelectedTo(const QString &folder, AudioExport::Format format);

    // Downloads the open recording; the format is the path's (.wav or not) unless given.
    void exportTo(const QString &path, std::optional<AudioExport::Format> format = std::nullopt);

    // The parts of the open recording's conversation (transfers, pickup), oldest first; one part when alone.
    QList<qint64> conversation() const { return m_conversation; }

Q_SIGNALS:
    void bulkDownloadFinished(int saved);

private:
    void runOnSelected(
        const QString &what,
        const std::function<net::ApiCall *(qint64, QObject *, std::function<void(const net::ApiResult &)>)> &call);
    void deleteSelected();
    void downloadSelected(AudioExport::Format format);
    void updateActions();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void exportCurrent();
    void updateCount();
    // Shows the conversation the recording belongs to, fetching parts that are not loaded.
    void showConversation(const RecordingRow &row);
    void openPart(qint64 id);
    const RecordingRow *knownRow(qint64 id) const;

    std::unique_ptr<Ui::RecordingsView> m_ui;
    QPointer<net::AgentClient> m_client;
    RecordingsModel *m_model;
    qint64 m_openId = 0;
    QString m_openTitle;
    QPointer<AudioExport> m_export;
    QPointer<QProgressDialog> m_progress;
    QHash<qint64, RecordingRow> m_fetched; // conversation parts not among the loaded rows
    QList<qint64> m_conversation;
    bool m_manageable = false;
    QByteArray m_vaultPublic;
    QByteArray m_vaultSecret;
    std::function<bool(const QString &, const QString &)> m_confirm;
};

} // namespace vv::recordings
