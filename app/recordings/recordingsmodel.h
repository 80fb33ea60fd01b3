#pragma once
// The recordings of one vault as a table that loads pages from GET /api/v1/vaults/{id}/recordings as the view
// scrolls (canFetchMore/fetchMore over next_cursor), so a vault with a million calls costs one page at a time.
// Date, duration, size and extension sort on the server (the API's ?sort=, keyset-paged like the default newest
// first), so the first page after a click already holds the vault's extremes. Direction, other party and quality
// sort the rows loaded so far, and pages fetched later are merged into that order. total() is the API's count.
#include "agentclient.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointer>

namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::recordings {

struct RecordingRow
{
    qint64 id = 0;
    QDateTime startedAt;
    QString direction;
    QString extension;
    QString caller;
    QString callee;
    qint64 durationMs = 0;
    qint64 bytes = 0;
    QString state; // complete, overwritten, deleted, missing, recording, not_recorded
    QString codec;
    double lossPercent = -1; // worst side; -1 unknown
    QString removedReason;
    QString dialled;
    qint64 relatedId = 0;
    QString outcome;                     // recorded, degraded, missed
    bool isProtected = false;            // legal hold: never overwritten or deleted
    QStringList flags;                   // quality verdicts in words
    std::optional<net::Annotation> note; // a person's note

    QString otherParty() const;
    bool playable() const { return state == u"complete"; }
    static RecordingRow from(const net::Recording &recording);
};

class RecordingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        DirectionColumn,
        ExtensionColumn,
        OtherPartyColumn,
        DialledColumn, // the number dialled when someone else answered; "continues #N" for a transfer's part
        DurationColumn,
        SizeColumn,
        QualityColumn,
        NoteColumn, // the first line of a person's note
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, PlayableRole, SortRole, RelatedIdRole };

    RecordingsModel(net::AgentClient *client, qint64 vaultId, QObject *parent = nullptr);

    void setFilter(const net::RecordingFilter &filter); // reloads from the first page
    int rowOf(qint64 id) const;                         // -1 when not loaded
    net::RecordingFilter filter() const { return m_filter; }
    void setPageSize(int rows) { m_pageSize = rows; }
    void reload();

    qint64 total() const { return m_total; } // -1 before the first page
    bool isLoading() const { return m_call != nullptr; }
    QString lastError() const { return m_error; }
    const RecordingRow &row(int r) const { return m_rows.at(r); }
    // Replaces a loaded row with the agent's newer answer (a note saved, protection changed).
    void updateRow(const net::Recording &recording);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void totalChanged(qint64 total);
    void loadingChanged(bool loading);
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void requestPage();
    void sortRows();
    static QString serverSort(int column, Qt::SortOrder order); // "" when the column sorts client-side

    QPointer<net::AgentClient> m_client;
    qint64 m_vaultId;
    net::RecordingFilter m_filter;
    int m_pageSize = 50;
    QList<RecordingRow> m_rows;
    QString m_nextCursor;
    bool m_started = false; // first page requested
    qint64 m_total = -1;
    QPointer<net::ApiCall> m_call;
    QString m_error;
    QString m_serverSort;  // the API's ?sort= ("" = newest first)
    int m_sortColumn = -1; // a client-side sort; -1: the order the API answers in
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

QString formatBytes(qint64 bytes);

} // namespace vv::recordings
