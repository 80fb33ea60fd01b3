#pragma once
// The vault's known extensions (GET /vaults/{id}/extensions) for the Edit VIP Vault dialog, each with an
// "exclude from recording" check box. Holds the user's edits until Save; excluded() is what goes into PUT settings.
#include "apimodel.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QStringList>

namespace vv::app {

class ExtensionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Exclude, Extension, Sources, LastSeen, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    // items: the API's Extension objects. excluded: the settings' list, which may name extensions the agent has
    // not seen yet: they are listed too so saving never drops them.
    void setExtensions(const QList<vv::net::Extension> &items, const QStringList &excluded);
    QStringList excluded() const;
    void setExcluded(const QString &extension, bool excluded);
    int rowOf(const QString &extension) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    static QString sourcesInWords(const QStringList &sources);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void exclusionsChanged();

private:
    struct Row
    {
        QString extension;
        QStringList sources;
        QDateTime lastSeen;
        bool excluded = false;
    };
    QList<Row> m_rows;
};

} // namespace vv::app
