import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { BoardPage } from './BoardPage';
import { HomePage } from './HomePage';
import { WireInboxPage } from './WireInboxPage';

export const App = () => (
  <Routes>
    <Route index element={<HomePage />} />
    <Route path="wire" element={<WireInboxPage />} />
    <Route path="board" element={<BoardPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);
